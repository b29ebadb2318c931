import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { principalKey, type Principal } from '../auth/principal.js';
import { PlatformCodes } from '../errors/codes.js';
import { ProblemException } from '../errors/problem.js';

export const RATE_LIMIT = 'sitedesk:rate-limit';

/** At most `limit` requests per `windowSeconds` per caller on the routes it marks (per API process). */
export const RateLimit = (limit: number, windowSeconds: number) => SetMetadata(RATE_LIMIT, { limit, windowSeconds });

/**
 * A fixed-window counter per caller and route group, in memory. It protects each API process from a
 * runaway integration; with several replicas the effective limit is replicas × limit (documented).
 * Answers 429 TOO_MANY_REQUESTS with Retry-After, and RateLimit-* headers on every marked response.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<{ limit: number; windowSeconds: number }>(RATE_LIMIT, [ctx.getHandler(), ctx.getClass()]);
    if (!rule) return true;
    const req = ctx.switchToHttp().getRequest<{ principal?: Principal; ip: string }>();
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    const key = `${ctx.getClass().name}:${req.principal ? principalKey(req.principal) : req.ip}`;
    const now = Date.now();
    const windowMs = rule.windowSeconds * 1000;
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) for (const [k, v] of this.windows) if (now - v.start >= windowMs) this.windows.delete(k);
    }
    w.count++;
    const reset = Math.ceil((w.start + windowMs - now) / 1000);
    void reply.header('ratelimit-limit', String(rule.limit)).header('ratelimit-remaining', String(Math.max(0, rule.limit - w.count))).header('ratelimit-reset', String(reset));
    if (w.count > rule.limit) {
      throw new ProblemException(429, PlatformCodes.TOO_MANY_REQUESTS, `at most ${rule.limit} requests per ${rule.windowSeconds} s`, { headers: { 'retry-after': String(reset) } });
    }
    return true;
  }
}
