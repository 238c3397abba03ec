import { resultsUrl } from '../quiz/render-results.ts';

/**
 * The visitor's last result on this device, so it is never lost: the quiz keeps its link (in localStorage, beside the
 * unfinished answers, never sent anywhere) and `/assessment/` offers it back. The link opens it as any results link.
 */

/** The last result of an assessment, as kept on this device. */
export interface LastResult {
  token: string;
  /** When it was taken (ISO time, the server's). */
  takenAt: string;
}

const key = (assessmentId: string) => `assessment:${assessmentId}:last-result`;
const DAY = 86_400_000;

/** Keeps the result just shown as this device's last one for the assessment. */
export function rememberResult(assessmentId: string, result: LastResult): void {
  try {
    localStorage.setItem(key(assessmentId), JSON.stringify(result));
  } catch {
    // Private mode or full storage: the result keeps its own link, it just will not be offered again here.
  }
}

/** The last result kept on this device, or null when there is none or it is past the site's retention. */
export function lastResult(assessmentId: string, retentionDays: number, now = Date.now()): LastResult | null {
  try {
    const kept = JSON.parse(localStorage.getItem(key(assessmentId)) ?? 'null') as Partial<LastResult> | null;
    if (typeof kept?.token !== 'string' || typeof kept.takenAt !== 'string') return null;
    const takenAt = Date.parse(kept.takenAt);
    if (!(takenAt + retentionDays * DAY > now)) {
      localStorage.removeItem(key(assessmentId));
      return null;
    }
    return { token: kept.token, takenAt: kept.takenAt };
  } catch {
    return null;
  }
}

/** Forgets the last result when it is this one (its link no longer opens: it expired or was erased). */
export function forgetResult(assessmentId: string, token: string): void {
  try {
    const kept = JSON.parse(localStorage.getItem(key(assessmentId)) ?? 'null') as Partial<LastResult> | null;
    if (kept?.token === token) localStorage.removeItem(key(assessmentId));
  } catch {
    // Nothing kept.
  }
}

/**
 * Puts the result's own link in the address bar, in place of the assessment's: Reload then opens the result, Back
 * leaves for the page before the assessment as after any finished form, and the address is the one to keep. The tab
 * remembers that it showed this result, so a reload is not counted as the visitor coming back to read it.
 */
export function showResultAddress(token: string): void {
  try {
    sessionStorage.setItem(SHOWN, token);
  } catch {
    // Without session storage a reload counts as opening the result again; nothing else changes.
  }
  history.replaceState(null, '', resultsUrl('', token));
}

const SHOWN = 'results:shown-here';

/** Whether this tab showed the result itself (the quiz did, then the visitor reloaded). */
export function shownInThisTab(token: string): boolean {
  try {
    return sessionStorage.getItem(SHOWN) === token;
  } catch {
    return false;
  }
}
