import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES, type Role, type RotationState } from '@sitedesk/domain';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { userNames } from '../../platform/identity/user-names.js';
import { DataSource } from 'typeorm';
import { RotationService } from './rotation.service.js';

export class RotationQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
}

export class PublishRotationDto extends RotationQuery {
  @ApiProperty({ type: [String], format: 'uuid', description: "Today's order, first receiver first (CA-10)" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  order: string[];
}

export class SuspendDto extends RotationQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() consultantId: string;
  @ApiProperty({ maxLength: 500, example: '挑客户接待' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

class LinePlaceDto {
  @ApiProperty({ format: 'uuid' }) consultantId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: 'Turns still owed from a pass' }) owed: number;
  @ApiPropertyOptional({ nullable: true, type: String }) suspendedUntil: string | null;
}

export class RotationDto {
  @ApiProperty() published: boolean;
  @ApiProperty({ type: [LinePlaceDto], description: 'The line, front first' }) line: LinePlaceDto[];
}

/** CA-10 reception rotation (轮序/站位): the supervisor publishes the order, consultants pass, managers suspend. */
@ApiTags('clients')
@Controller('v1/clients/rotation')
export class RotationController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly rotation: RotationService,
  ) {}

  private async describe(state: RotationState | null): Promise<RotationDto> {
    if (!state) return { published: false, line: [] };
    const names = await userNames(this.ds.manager, state.order);
    return {
      published: true,
      line: state.order.map((id) => ({ consultantId: id, displayName: names.get(id) ?? '', owed: state.owed[id] ?? 0, suspendedUntil: state.suspendedUntil[id] ?? null })),
    };
  }

  @Get()
  @Roles(...(STAFF_ROLES as Role[]))
  @ApiOperation({ operationId: 'getRotation', summary: "Today's reception line (live through /api/v1/events: client.rotation)" })
  @ApiOkResponse({ type: RotationDto })
  @ApiProblems([400, 401, 403, 404])
  async get(@CurrentPrincipal() p: Principal, @Query() q: RotationQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF_ROLES as Role[]);
    return this.describe(await this.rotation.get(site));
  }

  @Put()
  @Roles('supervisor', 'manager')
  @ApiOperation({ operationId: 'publishRotation', summary: "The supervisor publishes today's order (CA-10)" })
  @ApiOkResponse({ type: RotationDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['ROTATION_DUPLICATE'] })
  async publish(@CurrentPrincipal() p: Principal, @Body() body: PublishRotationDto) {
    const { site } = await this.access.requireSite(p, body.siteId, ['supervisor', 'manager']);
    return this.describe(await this.rotation.publish(site, body.order, p.userId));
  }

  @Post('pass')
  @Roles('consultant')
  @HttpCode(200)
  @ApiOperation({ operationId: 'passRotation', summary: 'Pass your turn (放弃): after 30 minutes stood; it costs two turns (CA-10)' })
  @ApiOkResponse({ type: RotationDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['PASS_TOO_EARLY', 'NOT_IN_LINE', 'ROTATION_NOT_PUBLISHED'] })
  async pass(@CurrentPrincipal() p: Principal, @Body() body: RotationQuery) {
    const { site } = await this.access.requireSite(p, body.siteId, ['consultant']);
    return this.describe(await this.rotation.pass(site, p.userId));
  }

  @Post('suspend')
  @Roles('supervisor', 'manager')
  @HttpCode(200)
  @ApiOperation({ operationId: 'suspendFromRotation', summary: 'Suspend a consultant who refused to stand or chose customers: 1 day (supervisor) or 3 (manager)' })
  @ApiOkResponse({ type: RotationDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['SELF_APPROVAL_FORBIDDEN'], 409: ['ROTATION_NOT_PUBLISHED'] })
  async suspend(@CurrentPrincipal() p: Principal, @Body() body: SuspendDto) {
    const { site, roles } = await this.access.requireSite(p, body.siteId, ['supervisor', 'manager']);
    const by = roles.includes('manager') ? 'manager' : 'supervisor';
    return this.describe(await this.rotation.suspend(site, body.consultantId, by, body.reason, p.userId));
  }
}

export const VISIT_KINDS = ['walk_in', 'agency', 'return_owned', 'deal_in_progress', 'market_research', 'absent_owner'] as const;
