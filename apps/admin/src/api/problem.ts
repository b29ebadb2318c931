import type { ProblemDto } from './generated';

/** Every failed API call rejects with a problem (RFC 9457): the API's own, or one made here. */
export type Problem = ProblemDto;

export const NETWORK_ERROR = 'NETWORK_ERROR';

export const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' && value !== null && typeof (value as Problem).code === 'string' && typeof (value as Problem).status === 'number';

/** The client's error interceptor: a network failure or a non-problem answer becomes a problem too. */
export function toProblem(error: unknown, response: Response | undefined): Problem {
  if (isProblem(error)) return error;
  if (!response) {
    return { type: 'about:blank', title: 'Network error', status: 0, code: NETWORK_ERROR, detail: error instanceof Error ? error.message : String(error) };
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    code: 'HTTP_ERROR',
    detail: `${response.status} ${response.statusText}`.trim(),
  };
}
