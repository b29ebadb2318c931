import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'phone' }) field: string;
  @ApiProperty({ example: 'must be a mainland mobile number' }) message: string;
}

/** RFC 9457 problem details with SiteDesk's stable `code`. */
export class ProblemDto {
  @ApiProperty({ example: 'https://sitedesk.dev/problems/validation-failed' }) type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'phone: must be a mainland mobile number' }) detail: string;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine code; see docs/errors.md' }) code: string;
  @ApiPropertyOptional({ example: '/api/v1/partner/reports' }) instance?: string;
  @ApiPropertyOptional({ example: 'req-1a2b' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({ type: [Object], description: 'Rule problems that block the request (ROTA_INVALID)' }) problems?: object[];
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED, MALFORMED_JSON)',
  401: 'Not signed in (UNAUTHENTICATED)',
  403: 'Not allowed (FORBIDDEN)',
  404: 'Not found, or on a site you have no role on (NOT_FOUND)',
  409: 'Conflict with the current state',
  413: 'Body too large (PAYLOAD_TOO_LARGE)',
  422: 'Refused by a business rule (IDEMPOTENCY_KEY_REUSED: an Idempotency-Key reused with another body)',
  429: 'Too many requests (TOO_MANY_REQUESTS)',
};

/**
 * Documents the problem responses of a route. `codes` maps a status to the route's own codes,
 * e.g. `{ 409: ['UNIT_NOT_AVAILABLE'] }`.
 */
export function ApiProblems(statuses: number[], codes: Record<number, string[]> = {}) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...[...new Set(statuses)].sort().map((status) =>
      ApiResponse({
        status,
        description: codes[status] ? `${STATUS_TEXT[status]?.split(' (')[0] ?? 'Error'} (${codes[status].join(', ')})` : (STATUS_TEXT[status] ?? 'Error'),
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}

/** The problems every authenticated write can answer. */
export const WRITE_PROBLEMS = [400, 401, 403, 404, 413];

/** A page of results: `{ items, total, page, pageSize }`. */
export function pageOf<T>(item: Type<T>) {
  class Page {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ example: 1 }) total: number;
    @ApiProperty({ example: 1 }) page: number;
    @ApiProperty({ example: 50 }) pageSize: number;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/Dto$/, '')}Page` });
  return Page;
}
