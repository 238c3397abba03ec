import raw from '../content/assessments/integration-readiness.json' with { type: 'json' };
import { type Assessment, parseAssessment } from './quiz/assessment.ts';

/** The assessment, validated from `content/assessments/` (the site and the Lambda share it). */
export const assessment: Assessment = parseAssessment(raw, { source: 'content/assessments/integration-readiness.json' });

/** How the site describes its length: every question a visitor answers, scored or not ("24 short questions"). */
export const questionCount = assessment.questions.length + assessment.qualifying.length;
