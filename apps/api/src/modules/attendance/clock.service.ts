import { Injectable } from '@nestjs/common';
import { localDate, punchStanding, type PunchStanding } from '@sitedesk/domain';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { EventsService } from '../../platform/events/events.service.js';
import { ProblemException } from '../../platform/errors/problem.js';
import { AttendanceDataService, type ShiftSegment } from './attendance-data.service.js';
import { EveningMeeting, PunchRecord, type PunchSource } from './attendance.entities.js';
import type { PunchDto } from './attendance.dto.js';

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

  /** One clock-in per person, shift and segment: a repeat answers the first punch (`created: false`), also under concurrency. */
  async clockIn(site: SiteRef, userId: string, ctx: PunchContext): Promise<{ punch: PunchDto; created: boolean }> {
    const now = new Date();
    const segment = await this.data.segmentFor(site, userId, now, 'in');
    if (!segment) throw new ProblemException(409, 'NO_SHIFT_NOW', `no published shift starts around now (${localDate(now, site.timeZone)})`);
    return this.ds.transaction(async (em) => {
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(PunchRecord)
        .values({ siteId: site.id, userId, kind: 'in', at: now, shiftDate: segment.shiftDate, segment: segment.segment, source: ctx.source, ip: ctx.ip, deviceId: ctx.deviceId ?? null })
        .orIgnore()
        .returning(['id'])
        .execute();
      if (!inserted.raw.length) {
        const first = await em.getRepository(PunchRecord).findOneByOrFail({ userId, shiftDate: segment.shiftDate, segment: segment.segment, kind: 'in', voidedAt: IsNull() });
        return { punch: { ...punchDto(first), standing: await this.standing(site, userId, 'in', first.at, segment, em) }, created: false };
      }
      const row = await em.getRepository(PunchRecord).findOneByOrFail({ id: inserted.raw[0].id });
      const standing = await this.standing(site, userId, 'in', row.at, segment, em);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.clock_in', entityType: 'punch', entityId: row.id, after: { ...punchDto(row), userId, deviceId: ctx.deviceId ?? null, standing } });
      await this.events.publish(em, site.id, 'attendance.punch', { userId, kind: 'in', at: row.at.toISOString(), status: standing.status, minutes: standing.minutes });
      return { punch: { ...punchDto(row), standing }, created: true };
    });
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
