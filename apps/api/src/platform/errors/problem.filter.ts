import { ArgumentsHost, Catch, ExceptionFilter, HttpException, NotFoundException } from '@nestjs/common';
import { isDomainError } from '@sitedesk/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { PlatformCodes } from './codes.js';
import { fromDomainError, ProblemException, problemType, STATUS_TITLE, type ProblemBody } from './problem.js';

/** PostgreSQL SQLSTATEs that an input can cause, in case a check upstream missed it. */
const PG_STATES: Record<string, [number, string, string]> = {
  '23505': [409, PlatformCodes.CONFLICT, 'the record conflicts with an existing one'],
  '23503': [409, PlatformCodes.CONFLICT, 'the record refers to something that does not exist or is still referred to'],
  '23P01': [409, PlatformCodes.CONFLICT, 'the record overlaps an existing one'],
  '40001': [409, PlatformCodes.CONFLICT, 'a concurrent change won; retry the request'],
  '40P01': [409, PlatformCodes.CONFLICT, 'a concurrent change won; retry the request'],
  '22001': [400, PlatformCodes.VALIDATION_FAILED, 'a value is too long'],
  '22003': [400, PlatformCodes.VALIDATION_FAILED, 'a number is out of range'],
  '22007': [400, PlatformCodes.VALIDATION_FAILED, 'a date or time is not valid'],
  '22008': [400, PlatformCodes.VALIDATION_FAILED, 'a date or time is out of range'],
  '22P02': [400, PlatformCodes.VALIDATION_FAILED, 'a value has the wrong format'],
  '22021': [400, PlatformCodes.VALIDATION_FAILED, 'a text contains bytes that are not valid UTF-8'],
};

const HTTP_CODES: Record<number, string> = {
  401: PlatformCodes.UNAUTHENTICATED,
  403: PlatformCodes.FORBIDDEN,
  404: PlatformCodes.NOT_FOUND,
  405: PlatformCodes.METHOD_NOT_ALLOWED,
  413: PlatformCodes.PAYLOAD_TOO_LARGE,
  415: PlatformCodes.UNSUPPORTED_MEDIA_TYPE,
  429: PlatformCodes.TOO_MANY_REQUESTS,
  503: PlatformCodes.SERVICE_UNAVAILABLE,
};

/** Fastify's own errors (raised before a route runs) that are the client's fault. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: PlatformCodes.MALFORMED_JSON,
  FST_ERR_CTP_EMPTY_JSON_BODY: PlatformCodes.MALFORMED_JSON,
  FST_ERR_CTP_BODY_TOO_LARGE: PlatformCodes.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: PlatformCodes.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: PlatformCodes.MALFORMED_JSON,
};

export function toProblem(err: unknown, requestId?: string, instance?: string): { body: ProblemBody; headers: Record<string, string> } {
  let p: ProblemException;
  if (err instanceof ProblemException) p = err;
  else if (isDomainError(err)) p = fromDomainError(err);
  else if (err instanceof QueryFailedError && PG_STATES[(err as unknown as { code: string }).code]) {
    const [status, code, detail] = PG_STATES[(err as unknown as { code: string }).code];
    p = new ProblemException(status, code, detail);
  } else if (err instanceof HttpException) {
    const status = err.getStatus();
    const raw = err.message;
    const code =
      status === 400 && /json/i.test(raw) ? PlatformCodes.MALFORMED_JSON : (HTTP_CODES[status] ?? (status >= 500 ? PlatformCodes.INTERNAL : PlatformCodes.BAD_REQUEST));
    const detail =
      status === 503 ? 'a dependency is unavailable' : status >= 500 ? 'an unexpected error occurred' : status === 404 ? 'no such route' : code === PlatformCodes.MALFORMED_JSON ? 'the request body is not valid JSON' : raw;
    // The health check's 503 carries which dependency is down (terminus' details).
    const details = status === 503 ? (err.getResponse() as { details?: unknown }).details : undefined;
    p = new ProblemException(status, code, detail, details ? { details } : {});
  } else if (isFastifyClientError(err)) {
    const code = FASTIFY_CODES[err.code] ?? (err.statusCode === 413 ? PlatformCodes.PAYLOAD_TOO_LARGE : PlatformCodes.MALFORMED_JSON);
    p = new ProblemException(err.statusCode, code, code === PlatformCodes.MALFORMED_JSON ? 'the request body is not valid JSON' : err.message);
  } else {
    p = new ProblemException(500, PlatformCodes.INTERNAL, 'an unexpected error occurred; quote the requestId when reporting it');
  }
  const { errors, headers, ...extra } = p.extra;
  const body: ProblemBody = {
    type: problemType(p.code),
    title: STATUS_TITLE[p.status] ?? 'Error',
    status: p.status,
    detail: p.detail,
    code: p.code,
    ...extra,
    ...(errors ? { errors } : {}),
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
  };
  return { body, headers: (headers as Record<string, string>) ?? {} };
}

function isFastifyClientError(err: unknown): err is { code: string; statusCode: number; message: string } {
  const e = err as { code?: unknown; statusCode?: unknown };
  return typeof e?.code === 'string' && e.code.startsWith('FST_') && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: unknown) {
  const { body, headers } = toProblem(err, String(request.id), request.url.split('?')[0]);
  // The request's own logger carries its reqId; the client gets the requestId and nothing internal.
  if (body.status >= 500) request.log.error({ err }, 'unhandled error');
  void reply.status(body.status).headers(headers).type('application/problem+json').send(body);
}

/** The console's index.html on the Fastify instance, answered for GETs of unknown paths outside /api (client-side routes). */
export function setSpaIndex(fastify: { decorate: (name: string, value: unknown) => void }, html: Buffer | null) {
  fastify.decorate('spaIndex', html);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // Nest raises its own NotFoundException only for a path no route matches.
    const spaIndex = (req.server as unknown as { spaIndex?: Buffer | null }).spaIndex;
    if (spaIndex && err instanceof NotFoundException && req.method === 'GET' && !/^\/api(\/|\?|$)/.test(req.url)) {
      void reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(spaIndex);
      return;
    }
    sendProblem(reply, req, err);
  }
}
