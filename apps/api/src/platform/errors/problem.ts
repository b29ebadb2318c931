import { DomainError, type DomainErrorKind } from '@sitedesk/domain';

/** One field's complaint in a VALIDATION_FAILED problem. */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, with our stable machine `code`. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** An error the API answers with a problem document. Throw it from controllers and services. */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'ProblemException';
  }
}

export const KIND_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
};

export const STATUS_TITLE: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const problemType = (code: string) => `https://sitedesk.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;

export const fromDomainError = (e: DomainError) => new ProblemException(KIND_STATUS[e.kind], e.code, e.message, e.details ?? {});

export const notFound = (what = 'resource') => new ProblemException(404, 'NOT_FOUND', `${what} not found`);
