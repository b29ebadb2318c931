import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MOVE_IN_DESK_ROLES, MOVE_IN_HALL_ROLES, MOVE_IN_SCHEDULE_ROLES, STAFF_ROLES, type Role } from '@sitedesk/domain';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { BoardQuery, CheckInDto, ImportMoveInScheduleDto, MoveInImportResultDto, CheckInResponseDto, DeskDto, DeskStateDto, LeaderDecisionDto, MoveInAppointmentDto, MoveInBoardDto, MoveInScheduleDto, NoteDto, RescheduleDto, ScheduleResultDto, StepDto } from './move-in.dto.js';
import { MoveInService } from './move-in.service.js';

const STAFF = STAFF_ROLES as Role[];
const SCHEDULERS = MOVE_IN_SCHEDULE_ROLES as Role[];
const DESK = MOVE_IN_DESK_ROLES as Role[];
const CHECKERS = [...new Set([...MOVE_IN_DESK_ROLES, ...MOVE_IN_HALL_ROLES])] as Role[];
const STATE = ['MOVE_IN_STATE_CONFLICT'];

/**
 * Move-in appointments (入住/收楼, RES-7) and the four steps of the visit (RES-8). Live on
 * `/api/v1/events` as `reservation.move_in` (scheduled, checked_in, leader_decision, missed,
 * rescheduled, step, desk_join, desk_leave).
 */
@ApiTags('reservation')
@Controller('v1/move-in')
export class MoveInController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly moveIn: MoveInService,
  ) {}

  @Post('schedule')
  @Roles(...SCHEDULERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'sendMoveInSchedule', summary: "Sales sends the next day's schedule (入住时间预约安排表): slots, units, owners, group leaders; capacities per slot and leader (RES-7, RES-10)" })
  @ApiOkResponse({ type: ScheduleResultDto })
  @ApiProblems([...WRITE_PROBLEMS, 422], { 422: ['SCHEDULE_TOO_LATE'] })
  async schedule(@CurrentPrincipal() p: Principal, @Body() body: MoveInScheduleDto): Promise<ScheduleResultDto> {
    const { site } = await this.access.requireSite(p, body.siteId, SCHEDULERS);
    return this.moveIn.schedule(p, site, body);
  }

  @Post('schedule/import')
  @Roles(...SCHEDULERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'importMoveInSchedule', summary: "Import the next day's schedule as CSV; bad lines reported by line, good lines written (RES-7, RES-10)" })
  @ApiOkResponse({ type: MoveInImportResultDto })
  @ApiProblems([...WRITE_PROBLEMS, 422], { 422: ['SCHEDULE_TOO_LATE'] })
  async importSchedule(@CurrentPrincipal() p: Principal, @Body() body: ImportMoveInScheduleDto): Promise<MoveInImportResultDto> {
    const { site } = await this.access.requireSite(p, body.siteId, SCHEDULERS);
    return this.moveIn.importSchedule(p, site, body);
  }

  @Get('board')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'getMoveInBoard', summary: "The day board: the desk, slots with each group leader's load, and every owner's status, step and holder of the papers (RES-7, RES-8)" })
  @ApiOkResponse({ type: MoveInBoardDto })
  @ApiProblems([400, 401, 403, 404])
  async board(@CurrentPrincipal() p: Principal, @Query() q: BoardQuery): Promise<MoveInBoardDto> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    return this.moveIn.board(site, q.date);
  }

  @Post('check-in')
  @Roles(...CHECKERS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'checkInMoveIn',
    summary: 'Check owners in by move-in notice or unit + name, one by one when several arrive together; via the desk (receptionist) or the hall (service ambassador) (RES-7)',
  })
  @ApiOkResponse({ type: CheckInResponseDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['ALREADY_ARRIVED'], 422: ['NOT_ON_SCHEDULE'] })
  async checkIn(@CurrentPrincipal() p: Principal, @Body() body: CheckInDto): Promise<CheckInResponseDto> {
    const { site } = await this.access.requireSite(p, body.siteId, (body.via === 'hall' ? MOVE_IN_HALL_ROLES : MOVE_IN_DESK_ROLES) as Role[]);
    return this.moveIn.checkIn(p, site, body);
  }

  @Post('desk')
  @Roles(...DESK)
  @HttpCode(200)
  @ApiOperation({ operationId: 'moveInDesk', summary: 'A receptionist takes their place at the desk or leaves it; the last one may not leave (RES-7)' })
  @ApiOkResponse({ type: DeskStateDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['DESK_UNATTENDED'] })
  async desk(@CurrentPrincipal() p: Principal, @Body() body: DeskDto): Promise<DeskStateDto> {
    const { site } = await this.access.requireSite(p, body.siteId, DESK);
    return this.moveIn.desk(p, site, body.action);
  }

  @Get('appointments/:id')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'getMoveInAppointment', summary: 'One owner of the schedule with the steps of the visit' })
  @ApiOkResponse({ type: MoveInAppointmentDto })
  @ApiProblems([401, 403, 404])
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<MoveInAppointmentDto> {
    return this.moveIn.get(p, id);
  }

  @Post('appointments/:id/leader-decision')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'decideMoveInArrival', summary: "The group leader takes an early or late owner now, or lets them wait (RES-7)" })
  @ApiOkResponse({ type: MoveInAppointmentDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: STATE })
  leaderDecision(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: LeaderDecisionDto): Promise<MoveInAppointmentDto> {
    return this.moveIn.leaderDecision(p, id, body.decision);
  }

  @Post('appointments/:id/steps')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'advanceMoveInStep', summary: 'Move the visit to its next step (reception → greeting → verification → payment → done) and name who holds the papers (RES-8)' })
  @ApiOkResponse({ type: MoveInAppointmentDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: [...STATE, 'STEP_OUT_OF_ORDER', 'DESK_UNATTENDED'] })
  step(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: StepDto): Promise<MoveInAppointmentDto> {
    return this.moveIn.step(p, id, body.step, body.holderId);
  }

  @Post('appointments/:id/missed')
  @Roles('receptionist', ...SCHEDULERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordMoveInMissed', summary: 'Record a slot that passed without the owner; it goes back to sales for a new time (RES-7). A job records it too at the slot end (GEN-8)' })
  @ApiOkResponse({ type: MoveInAppointmentDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: STATE })
  missed(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: NoteDto): Promise<MoveInAppointmentDto> {
    return this.moveIn.missed(p, id, body.note);
  }

  @Post('appointments/:id/reschedule')
  @Roles(...SCHEDULERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'rescheduleMoveIn', summary: 'Sales gives a missed or waiting owner a new time; the old line stays, marked rescheduled (RES-7, RES-10)' })
  @ApiOkResponse({ type: MoveInAppointmentDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: [...STATE, 'SLOT_FULL', 'LEADER_FULL'], 422: ['SLOT_INVALID', 'SLOT_PAST'] })
  reschedule(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: RescheduleDto): Promise<MoveInAppointmentDto> {
    return this.moveIn.reschedule(p, id, body);
  }
}
