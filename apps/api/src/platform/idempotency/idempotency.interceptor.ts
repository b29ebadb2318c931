import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { principalKey, type Principal } from '../auth/principal.js';
import { PlatformCodes } from '../errors/codes.js';
import { ProblemException } from '../errors/problem.js';
import { canonicalJson } from '../http/canonical-json.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` on POST: the first request with a key runs; a repeat with the same body gets the
 * stored response (header `Idempotent-Replayed: true`); a repeat with another body is a 422; a
 * repeat while the first is still running is a 409. A request that fails leaves no record, so the
 * client may retry it with the same key. Records are kept 24 hours.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly ds: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || key === undefined) return next.handle();
    return from(this.run(ctx, req, String(key), next));
  }

  private async run(ctx: ExecutionContext, req: FastifyRequest & { principal?: Principal }, key: string, next: CallHandler) {
    if (!KEY.test(key)) {
      throw new ProblemException(400, PlatformCodes.VALIDATION_FAILED, 'Idempotency-Key must be 1–200 visible ASCII characters', {
        errors: [{ field: 'Idempotency-Key', message: 'must be 1–200 visible ASCII characters' }],
      });
    }
    const principal = principalKey(req.principal);
    const path = req.url.split('?')[0];
    const requestHash = createHash('sha256').update(`${req.method} ${path} ${canonicalJson(req.body ?? null)}`).digest('hex');
    const repo = this.ds.getRepository(IdempotencyRecord);
    const inserted = await repo
      .createQueryBuilder()
      .insert()
      .values({ principal, key, method: req.method, path, requestHash })
      .orIgnore()
      .returning(['key'])
      .execute();
    if (!inserted.raw.length) {
      const prior = await repo.findOneByOrFail({ principal, key });
      if (prior.requestHash !== requestHash) {
        throw new ProblemException(422, PlatformCodes.IDEMPOTENCY_KEY_REUSED, 'this Idempotency-Key was used with another request; use a new key');
      }
      if (prior.statusCode === null) {
        throw new ProblemException(409, PlatformCodes.IDEMPOTENCY_IN_PROGRESS, 'the first request with this Idempotency-Key is still running', { headers: { 'retry-after': '1' } });
      }
      const reply = ctx.switchToHttp().getResponse<FastifyReply>();
      void reply.status(prior.statusCode).header('idempotent-replayed', 'true');
      return prior.responseBody;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = this.reflector.get<number>(HTTP_CODE_METADATA, ctx.getHandler()) ?? 201;
      await repo.update({ principal, key }, { statusCode: status, responseBody: (body ?? null) as object, completedAt: new Date() });
      return body;
    } catch (e) {
      await repo.delete({ principal, key });
      throw e;
    }
  }
}
