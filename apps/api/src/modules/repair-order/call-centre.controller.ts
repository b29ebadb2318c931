import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { addDays, callCentreDay, localDate, type RotaShift } from '@sitedesk/domain';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems } from '../../platform/http/openapi.js';
import { userNames } from '../../platform/identity/user-names.js';
import { AttendanceDataService } from '../attendance/attendance-data.service.js';
import { AttendancePolicyService } from '../attendance/policy.service.js';
import { RepairPolicyService } from './policy.service.js';
import { TICKET_READERS } from './repair-tickets.service.js';

export class CallCentreDayQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ required: false, example: '2026-11-24', description: "A site-local date; today's by default" })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date?: string;
}

class CallCentrePersonDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

class CallCentreWindowDto {
  @ApiProperty({ example: '20:00' }) from: string;
  @ApiProperty({ example: '24:00', description: '`24:00` is the end of the day' }) to: string;
  @ApiProperty({ type: [CallCentrePersonDto], description: 'Who is on duty (empty: nobody)' }) people: CallCentrePersonDto[];
}

class HeatingSeasonDto {
  @ApiProperty({ example: '11-15', description: 'MM-DD' }) from: string;
  @ApiProperty({ example: '03-15', description: 'MM-DD (may be in the next year)' }) to: string;
}

class CallCentreGapDto {
  @ApiProperty({ example: '00:00' }) from: string;
  @ApiProperty({ example: '08:00' }) to: string;
}

export class CallCentreDayDto {
  @ApiProperty({ example: '2026-11-24' }) date: string;
  @ApiProperty({ type: HeatingSeasonDto, nullable: true, description: "The site's heating season (repair policy); null: none" }) heatingSeason: HeatingSeasonDto | null;
  @ApiProperty({ description: 'RO-11: in the heating season the call centre answers around the clock' }) roundTheClock: boolean;
  @ApiProperty({ type: [CallCentreWindowDto], description: 'The day from 00:00 to 24:00 in stretches with the same people on duty' }) windows: CallCentreWindowDto[];
  @ApiProperty({ type: [CallCentreGapDto], description: 'Stretches nobody is on duty while the phone must be answered (heating season only)' }) gaps: CallCentreGapDto[];
}

/** Who answers the call centre's phone: the site's customer-service agents (cs_agent, 004 客服助理 / 003 呼叫中心). */
const CALL_CENTRE_ROLE = 'cs_agent';

/**
 * RO-11: the call centre's day as the Attendance module's published rota has it (ATT-2, overnight shifts
 * of the day before included), and the gaps the heating season's around-the-clock duty does not allow.
 */
@Injectable()
export class CallCentreService {
  constructor(
    private readonly ds: DataSource,
    private readonly repairPolicies: RepairPolicyService,
    private readonly attendancePolicies: AttendancePolicyService,
    private readonly attendance: AttendanceDataService,
  ) {}

  async day(site: SiteRef, date: string): Promise<CallCentreDayDto> {
    const agents: { user_id: string }[] = await this.ds.query(
      `SELECT DISTINCT r.user_id FROM role_assignment r JOIN app_user u ON u.id = r.user_id
        WHERE r.revoked_at IS NULL AND u.active AND r.role = $2 AND (r.site_id = $1 OR r.site_id IS NULL)
          AND (r.site_id = $1 OR u.organization_id = $3)`,
      [site.id, CALL_CENTRE_ROLE, site.organizationId],
    );
    const ids = agents.map((a) => a.user_id);
    const { policy } = await this.repairPolicies.current(site);
    // Yesterday's overnight shifts run into this morning.
    const schedule = await this.attendance.schedule(site, ids, addDays(date, -1), date);
    const resolver = await this.attendancePolicies.resolver(site);
    const shifts: RotaShift[] = [];
    for (const [key, code] of schedule) {
      if (!code) continue;
      const [userId, shiftDate] = key.split('|');
      const shift = resolver.on(shiftDate).policy.shifts.find((s) => s.code === code);
      if (shift) shifts.push({ userId, date: shiftDate, shift });
    }
    const day = callCentreDay(date, policy, shifts);
    const names = await userNames(this.ds.manager, ids);
    return {
      ...day,
      heatingSeason: policy.heatingSeason,
      windows: day.windows.map((w) => ({ from: w.from, to: w.to, people: w.userIds.map((userId) => ({ userId, displayName: names.get(userId) ?? '' })) })),
    };
  }
}

@ApiTags('repair-order')
@Controller('v1/repair-tickets/call-centre')
export class CallCentreController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly callCentre: CallCentreService,
  ) {}

  @Get()
  @Roles(...TICKET_READERS)
  @ApiOperation({
    operationId: 'getCallCentreDay',
    summary: "RO-11: who answers the call centre's phone through a day, from the published rota, and the gaps the heating season's 24-hour duty does not allow",
  })
  @ApiOkResponse({ type: CallCentreDayDto })
  @ApiProblems([400, 401, 403, 404])
  async day(@CurrentPrincipal() p: Principal, @Query() q: CallCentreDayQuery): Promise<CallCentreDayDto> {
    const { site } = await this.access.requireSite(p, q.siteId, TICKET_READERS);
    return this.callCentre.day(site, q.date ?? localDate(new Date(), site.timeZone));
  }
}
