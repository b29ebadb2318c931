import {
  businessCalendar,
  escalationAt,
  readClock,
  type BusinessCalendar,
  type ComplaintPolicy,
  type ComplaintSnapshot,
  type EscalationStep,
  type FollowUpTask,
} from '@sitedesk/domain';
import { In, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { Complaint, ComplaintEscalation, ComplaintFollowUp, ComplaintPause, ComplaintPolicyVersion, ComplaintSlaClock } from './complaint.entities.js';
import { defaultComplaintPolicy } from './policy.service.js';
import { readTogether } from '../../database/read-together.js';

/** A complaint's rows: the complaint and its clocks, pauses, escalation steps and open follow-up task. */
export interface ComplaintFacts {
  row: Complaint;
  clocks: ComplaintSlaClock[];
  pauses: ComplaintPause[];
  escalations: ComplaintEscalation[];
  followUp: ComplaintFollowUp | null;
}

/** The rows of many complaints at once (lists, statistics, the job). */
export async function loadFacts(em: EntityManager, rows: Complaint[]): Promise<ComplaintFacts[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [clocks, pauses, escalations, followUps] = await readTogether(
    em,
    () => em.getRepository(ComplaintSlaClock).find({ where: { complaintId: In(ids) }, order: { startedAt: 'ASC', key: 'ASC' } }),
    () => em.getRepository(ComplaintPause).find({ where: { complaintId: In(ids) }, order: { fromAt: 'ASC' } }),
    () => em.getRepository(ComplaintEscalation).find({ where: { complaintId: In(ids) }, order: { at: 'ASC', id: 'ASC' } }),
    () => em.getRepository(ComplaintFollowUp).find({ where: { complaintId: In(ids), status: 'open' } }),
  );
  const by = <T extends { complaintId: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) m.set(x.complaintId, [...(m.get(x.complaintId) ?? []), x]);
    return m;
  };
  const [c, p, e, f] = [by(clocks), by(pauses), by(escalations), by(followUps)];
  return rows.map((row) => ({ row, clocks: c.get(row.id) ?? [], pauses: p.get(row.id) ?? [], escalations: e.get(row.id) ?? [], followUp: f.get(row.id)?.[0] ?? null }));
}

export const taskOf = (f: ComplaintFollowUp): FollowUpTask => ({
  plannedAt: f.plannedAt,
  dueBy: f.dueBy,
  assigneeRole: f.assigneeRole,
  bookedByCustomer: f.bookedByCustomer,
  outsideWindow: f.outsideWindow,
});

/** The domain's snapshot of stored rows. */
export function snapshotOf(f: ComplaintFacts): ComplaintSnapshot {
  const r = f.row;
  return {
    id: r.id,
    state: r.state,
    receivedAt: r.receivedAt,
    channel: r.channel,
    receivedBy: r.receivedBy,
    ownerId: r.ownerId,
    importantCustomer: r.importantCustomer,
    subjectType: r.subjectType,
    subjectRef: r.subjectRef,
    classification: r.classification,
    baseLevel: r.baseLevel,
    // Classification steps are in the base level already; breach steps are ignored by the domain (derived from the clocks).
    escalations: f.escalations.filter((e) => e.reason !== 'classification').map((e): EscalationStep => ({ at: e.at, reason: e.reason as EscalationStep['reason'], ...(e.clockKey ? { clockKey: e.clockKey } : {}) })),
    clocks: f.clocks.map((k) => ({ key: k.key, kind: k.kind, startedAt: k.startedAt, targetMinutes: k.targetMinutes, promisedAt: k.promisedAt, stoppedAt: k.stoppedAt })),
    pauses: f.pauses.map((p) => ({ from: p.fromAt, to: p.toAt })),
    firstRespondedAt: r.firstRespondedAt,
    investigation: r.investigation,
    proposals: r.proposals ?? [],
    proposedBy: r.proposedBy,
    proposedByRoles: r.proposedByRoles ?? [],
    approval: r.approval ? { ...r.approval, at: new Date(r.approval.at) } : null,
    resolution: r.resolution ? { ...r.resolution, at: new Date(r.resolution.at) } : null,
    rejectionReply: r.rejectionReply,
    followUp: f.followUp ? taskOf(f.followUp) : null,
    reopenCount: r.reopenCount,
    closedAt: r.closedAt,
  };
}

/** Policies by version for one site, read once per request. */
export class PolicyCache {
  private readonly cache = new Map<number, { policy: ComplaintPolicy; calendar: BusinessCalendar }>();
  constructor(
    private readonly em: EntityManager,
    private readonly site: SiteRef,
  ) {}

  async get(version: number): Promise<{ policy: ComplaintPolicy; calendar: BusinessCalendar }> {
    let hit = this.cache.get(version);
    if (!hit) {
      const row = await this.em.getRepository(ComplaintPolicyVersion).findOne({ where: { siteId: this.site.id, version } });
      const policy = row?.policy ?? defaultComplaintPolicy(this.site);
      hit = { policy, calendar: businessCalendar(policy, this.site.timeZone) };
      this.cache.set(version, hit);
    }
    return hit;
  }
}

/** What a read shows now (GEN-8): the level, the clocks, whether some clock is breached. */
export function readNow(s: ComplaintSnapshot, policy: ComplaintPolicy, cal: BusinessCalendar, now: Date) {
  const level = escalationAt(s, policy, cal, now);
  const clocks = s.clocks.map((k) => ({ clock: k, reading: readClock(k, cal, s.pauses, now) }));
  const running = clocks.filter((c) => (c.reading.status === 'running' || c.reading.status === 'paused') && c.reading.dueAt);
  const nextDueAt = running.length ? new Date(Math.min(...running.map((c) => c.reading.dueAt!.getTime()))) : null;
  return {
    level,
    clocks,
    breached: clocks.some((c) => c.reading.status === 'breached'),
    waiting: s.pauses.some((p) => p.to === null),
    nextDueAt,
  };
}
