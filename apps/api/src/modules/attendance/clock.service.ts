import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { punchStanding, type PunchStanding } from '@sitedesk/domain';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService, auditRow } from '../../platform/audit/audit.service.js';
import { EVENTS_CHANNEL, EventsService, siteEventPayload } from '../../platform/events/events.service.js';
import { ProblemException } from '../../platform/errors/problem.js';
import { AttendanceDataService, type ClockContext, type ShiftSegment } from './attendance-data.service.js';
import { EveningMeeting, PunchRecord, type PunchSource } from './attendance.entities.js';
import type { PunchDto } from './attendance.dto.js';

interface PunchRow {
  created?: boolean;
  id: string;
  at: Date;
  shift_date: string;
  segment: number;
  source: PunchSource;
}

const PUNCH_COLUMNS = `id, at, shift_date::text AS shift_date, segment, source`;

/** The punch, its audit event and its live event in one statement; or, for a repeat, the first punch. */
const CLOCK_IN_SQL = `
WITH ins AS (
  INSERT INTO punch (site_id, id, user_id, kind, at, shift_date, segment, source, device_id, ip)
  VALUES ($1, $2, $3, 'in', $4, $5, $6, $7, $8, $9)
  ON CONFLICT DO NOTHING
  RETURNING ${PUNCH_COLUMNS}
), audit AS (
  INSERT INTO audit_event (organization_id, site_id, actor_id, actor_login, action, entity_type, entity_id, before, after, reason, request_id)
  SELECT $10, $1, $11, $12, 'attendance.clock_in', 'punch', ins.id::text, NULL, $13::jsonb, NULL, $14 FROM ins
)
SELECT true AS created, ins.*, pg_notify($15, $16)::text AS notified FROM ins
UNION ALL
SELECT false AS created, ${PUNCH_COLUMNS}, NULL FROM punch
 WHERE user_id = $3 AND shift_date = $5 AND segment = $6 AND kind = 'in' AND voided_at IS NULL AND NOT EXISTS (SELECT 1 FROM ins)`;

const FIRST_CLOCK_IN_SQL = `SELECT ${PUNCH_COLUMNS} FROM punch WHERE user_id = $1 AND shift_date = $2 AND segment = $3 AND kind = 'in' AND voided_at IS NULL`;

export const punchDto = (r: PunchRecord): PunchDto => ({ id: r.id, kind: r.kind, at: r.at, shiftDate: r.shiftDate, segment: r.segment, source: r.source });

interface PunchContext {
  source: Exclude<PunchSource, 'correction'>;
  ip: string;
  deviceId?: string;
}

/** Clock-in and clock-out at server time (GEN-4), from a person's own device or the site's kiosk. */
@Injectable()
export class ClockService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly data: AttendanceDataService,
    private readonly events: EventsService,
  ) {}

  /**
   * One clock-in per person, shift and segment: a repeat answers the first punch (`created: false`), also
   * under concurrency (the partial unique index on punch decides).
   *
   * Everything is read before writing, in ONE statement (`AttendanceDataService.clockContext`: the published
   * shift, the leave and business-outs that may excuse an off-time punch, and the identity of the policy
   * versions, whose content is kept per site while they are unchanged), so that the write is ONE statement:
   * the punch (`INSERT … ON CONFLICT DO NOTHING`), its audit event and its live event (pg_notify) commit
   * together, or — when the shift already has its clock-in — nothing is written and the first punch comes
   * back in the same round trip. A single statement is its own transaction; no connection is held across
   * round trips. The audit row and the event come from the platform (`auditRow`, `siteEventPayload`).
   */
  async clockIn(site: SiteRef, userId: string, ctx: PunchContext, read?: ClockContext): Promise<{ punch: PunchDto; created: boolean }> {
    // The rota and the policy versions in one statement (unless the caller read them already, at server time too).
    const context = read ?? (await this.data.clockContext(site, userId, new Date()));
    const now = context.at;
    const segment = context.segment('in');
    if (!segment) throw new ProblemException(409, 'NO_SHIFT_NOW', `no published shift starts around now (${context.today})`);
    let covering: { from: Date; to: Date }[] | null = null;
    const standingAt = async (at: Date) => {
      const input = { kind: 'in' as const, at, segment: { from: segment.start, to: segment.end }, lastSegment: segment.last, policy: segment.policy, eveningMeetingEnd: null };
      const first = punchStanding(input);
      if (first.status === 'on_time') return first;
      // Read with the rota, in the same statement: no round trip here.
      covering ??= context.covering(segment.start, segment.end);
      return covering.length ? punchStanding({ ...input, covering }) : first;
    };
    const standing = await standingAt(now);
    const punch: PunchDto = { id: randomUUID(), kind: 'in', at: now, shiftDate: segment.shiftDate, segment: segment.segment, source: ctx.source };
    const audit = auditRow({ organizationId: site.organizationId, siteId: site.id, action: 'attendance.clock_in', entityType: 'punch', entityId: punch.id, after: { ...punch, userId, deviceId: ctx.deviceId ?? null, standing } });
    const event = siteEventPayload(site.id, 'attendance.punch', { userId, kind: 'in', at: now.toISOString(), status: standing.status, minutes: standing.minutes });
    const rows: PunchRow[] = await this.ds.query(CLOCK_IN_SQL, [
      site.id,
      punch.id,
      userId,
      now,
      segment.shiftDate,
      segment.segment,
      ctx.source,
      ctx.deviceId ?? null,
      ctx.ip,
      audit.organizationId,
      audit.actorId,
      audit.actorLogin,
      JSON.stringify(audit.after),
      audit.requestId,
      EVENTS_CHANNEL,
      event,
    ]);
    if (rows[0]?.created) return { punch: { ...punch, standing }, created: true };
    // The shift already has its clock-in. When it was committed while this statement ran, the statement's
    // snapshot did not show it: read it again.
    const row = rows[0] ?? ((await this.ds.query(FIRST_CLOCK_IN_SQL, [userId, segment.shiftDate, segment.segment])) as PunchRow[])[0];
    if (!row) throw new Error('clock-in neither inserted nor found');
    const first: PunchDto = { id: row.id, kind: 'in', at: row.at, shiftDate: row.shift_date, segment: row.segment, source: row.source };
    return { punch: { ...first, standing: await standingAt(first.at) }, created: false };
  }

  /**
   * ATT-4: on time or late n minutes (clock-in), early n minutes or not (clock-out), decided by the
   * domain from the segment and the policy graces. Leave and business-outs are looked up only when the
   * punch is off time (they may excuse it), the evening meeting only on clock-out where the policy waits for it.
   */
  private async standing(site: SiteRef, userId: string, kind: 'in' | 'out', at: Date, seg: ShiftSegment, em: EntityManager): Promise<PunchStanding> {
    const meeting =
      kind === 'out' && seg.last && seg.policy.endExtendedByEveningMeeting ? ((await em.getRepository(EveningMeeting).findOneBy({ siteId: site.id, date: seg.shiftDate }))?.endedAt ?? null) : null;
    const input = { kind, at, segment: { from: seg.start, to: seg.end }, lastSegment: seg.last, policy: seg.policy, eveningMeetingEnd: meeting };
    const first = punchStanding(input);
    if (first.status === 'on_time') return first;
    const covering = await this.data.covering(site, userId, seg.start, meeting && meeting > seg.end ? meeting : seg.end, em);
    return covering.length ? punchStanding({ ...input, covering }) : first;
  }

  /** Closes the latest clock-in of the last 24 hours; without one, 409 NOT_CLOCKED_IN. The last clock-out counts. */
  async clockOut(site: SiteRef, userId: string, ctx: PunchContext): Promise<PunchDto> {
    const now = new Date();
    return this.ds.transaction(async (em) => {
      const open = await em.getRepository(PunchRecord).findOne({
        where: { siteId: site.id, userId, kind: 'in', voidedAt: IsNull(), at: MoreThan(new Date(now.getTime() - 24 * 3_600_000)) },
        order: { at: 'DESC' },
      });
      if (!open) throw new ProblemException(409, 'NOT_CLOCKED_IN', 'there is no clock-in to close: ask for a missed-punch correction instead');
      const row = await em.getRepository(PunchRecord).save(
        em.getRepository(PunchRecord).create({ siteId: site.id, userId, kind: 'out', at: now, shiftDate: open.shiftDate, segment: open.segment, source: ctx.source, ip: ctx.ip, deviceId: ctx.deviceId ?? null }),
      );
      const segment = await this.data.segmentOf(site, userId, open.shiftDate, open.segment, em);
      const standing = segment ? await this.standing(site, userId, 'out', row.at, segment, em) : null;
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.clock_out', entityType: 'punch', entityId: row.id, after: { ...punchDto(row), userId, deviceId: ctx.deviceId ?? null, standing } });
      await this.events.publish(em, site.id, 'attendance.punch', { userId, kind: 'out', at: row.at.toISOString(), ...(standing ? { status: standing.status, minutes: standing.minutes } : {}) });
      return { ...punchDto(row), standing };
    });
  }
}
