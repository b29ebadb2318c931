import { awaitingAnswer, type RepairOrderSnapshot, type SignatureRecord } from '@sitedesk/domain';
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

const at = (v: unknown) => (typeof v === 'string' ? new Date(v) : (v as Date | null | undefined));

/**
 * The snapshot for reads that only derive list fields (issue #7: the order page and the desk spent
 * their CPU reviving every instant of `data`): `data` as stored, with the instants revived only where
 * the reads of `RepairOrderDto` compare them — `promisedAt`, `openedAt`, `dispatch.at`, the progress
 * checks, the follow-up task and its result (progress-check window and status, `repairOrderPending`).
 * Anything else that needs instants (a decision) uses `snapshotOf`.
 */
export function readSnapshotOf(row: RepairOrder, signatures: RepairOrderSignature[]): RepairOrderSnapshot {
  const d = row.data as Record<string, any>;
  return {
    ...(d as Omit<RepairOrderSnapshot, 'signatures'>),
    openedAt: at(d.openedAt),
    promisedAt: at(d.promisedAt) ?? null,
    dispatch: d.dispatch ? { ...d.dispatch, at: at(d.dispatch.at) } : null,
    progressChecks: (d.progressChecks ?? []).map((c: Record<string, unknown>) => ({ ...c, at: at(c.at) })),
    followUp: d.followUp ? { ...d.followUp, plannedAt: at(d.followUp.plannedAt), dueBy: at(d.followUp.dueBy) } : null,
    followUpResult: d.followUpResult ? { ...d.followUpResult, at: at(d.followUpResult.at) } : null,
    id: row.id,
    state: row.state,
    version: row.version,
    advisorId: row.advisorId,
    signatures: signatures.map((s): SignatureRecord => ({ purpose: s.purpose, signer: s.signer, at: s.at, version: s.version })),
  } as RepairOrderSnapshot;
}

/** What `data` stores: the snapshot without its signatures (rows of their own), dates as ISO strings. */
export function dataOf(s: RepairOrderSnapshot): Record<string, unknown> {
  const { signatures: _signatures, ...rest } = s;
  return jsonSafe(rest) as unknown as Record<string, unknown>;
}

/**
 * The columns promoted from the snapshot, written with `data` in the same statement: the vehicle type
 * and the settlement (RO-12 statistics), and whether the order waits for an answer (the desk's list, RO-7/RO-9).
 */
export function promotedColumnsOf(s: RepairOrderSnapshot): { vehicleType: RepairOrderSnapshot['vehicle']['type']; settledAt: Date | null; dueFen: number | null; paidFen: number | null; awaitingAnswer: boolean } {
  return { vehicleType: s.vehicle.type, settledAt: s.settlement?.at ?? null, dueFen: s.settlement?.dueFen ?? null, paidFen: s.settlement?.paidFen ?? null, awaitingAnswer: awaitingAnswer(s) };
}
