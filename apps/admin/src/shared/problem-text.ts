import type { TFunction } from 'i18next';
import { NETWORK_ERROR, type Problem } from '../api/problem';

/** What to tell a person about a failed call: the API's `detail`, or our words where it has none. */
export function problemText(problem: Problem, t: TFunction): string {
  if (problem.code === NETWORK_ERROR) return t('errors.network');
  return problem.detail;
}
