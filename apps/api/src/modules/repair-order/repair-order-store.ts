import type { RepairOrderSnapshot, SignatureRecord } from '@sitedesk/domain';
import type { RepairOrder, RepairOrderSignature } from './repair-order.entities.js';

/** The snapshot's fields that hold instants (stored as ISO strings in jsonb). */
const DATE_KEYS = new Set(['at', 'openedAt', 'promisedAt', 'consentAt', 'reportHandedOverAt', 'signedTime', 'startedAt', 'finishedAt', 'reportedAt', 'requestedAt', 'plannedAt', 'dueBy', 'receivedAt', 'issuedAt', 'doneAt', 'paidAt', 'closedAt']);

export function revive(v: unknown, key = ''): unknown {
  if (typeof v === 'string' && DATE_KEYS.has(key)) return new Date(v);
  if (Array.isArray(v)) return v.map((x) => revive(x));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x, k)]));
  return v;
}

/** Dates to ISO strings, for jsonb. */
export function jsonSafe<T>(v: T): T {
  return JSON.parse(JSON.stringify(v ?? null, (_k, x) => (x instanceof Date ? x.toISOString() : x))) as T;
}

/** The domain's snapshot of the stored rows: `data` plus the signature rows. */
export function snapshotOf(row: RepairOrder, signatures: RepairOrderSignature[]): RepairOrderSnapshot {
  const data = revive(row.data) as Omit<RepairOrderSnapshot, 'signatures'>;
  return {
    ...data,
    id: row.id,
    state: row.state,
    version: row.version,
    advisorId: row.advisorId,
    signatures: signatures.map((s): SignatureRecord => ({ purpose: s.purpose, signer: s.signer, at: s.at, version: s.version })),
  };
}

/** What `data` stores: the snapshot without its signatures (rows of their own), dates as ISO strings. */
export function dataOf(s: RepairOrderSnapshot): Record<string, unknown> {
  const { signatures: _signatures, ...rest } = s;
  return jsonSafe(rest) as unknown as Record<string, unknown>;
}
