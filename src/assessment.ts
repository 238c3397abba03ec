import raw from '../content/assessments/integration-readiness.json' with { type: 'json' };
import { type Assessment, parseAssessment } from './quiz/assessment.ts';

/** The Integration Readiness Assessment, validated from `content/assessments/` (the site and the Lambda share it). */
export const assessment: Assessment = parseAssessment(raw, { source: 'content/assessments/integration-readiness.json' });
