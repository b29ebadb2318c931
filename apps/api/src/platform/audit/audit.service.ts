import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentContext } from '../context/request-context.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditEntry {
  organizationId: string;
  siteId?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
  /** Defaults to the request's principal. */
  actorId?: string | null;
  actorLogin?: string | null;
}

/** Strips secrets before they reach the trail. */
export function scrub(v: object | null | undefined): Record<string, unknown> | null {
  if (!v) return null;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (/password|secret|token|hash|pin/i.test(k)) continue;
    out[k] = val instanceof Date ? val.toISOString() : val;
  }
  return out;
}

/** GEN-3: write the audit trail in the caller's transaction, so the change and its record commit together. */
@Injectable()
export class AuditService {
  async record(em: EntityManager, e: AuditEntry): Promise<void> {
    await em.getRepository(AuditEvent).insert(auditRow(e));
  }
}

/**
 * The audit row of an entry: the actor and request from the request's context, secrets scrubbed. For a
 * hot path that writes its change and its audit row in one statement (the clock-in); everyone else calls
 * `AuditService.record`.
 */
export function auditRow(e: AuditEntry) {
  const ctx = currentContext();
  return {
    organizationId: e.organizationId,
    siteId: e.siteId ?? null,
    actorId: e.actorId !== undefined ? e.actorId : (ctx?.principal?.userId ?? null),
    actorLogin: e.actorLogin !== undefined ? e.actorLogin : (ctx?.principal?.login ?? null),
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: scrub(e.before),
    after: scrub(e.after),
    reason: e.reason ?? null,
    requestId: ctx?.requestId ?? null,
  };
}
