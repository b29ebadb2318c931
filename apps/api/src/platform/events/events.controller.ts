import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES, type Role } from '@sitedesk/domain';
import { IsUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessPolicy } from '../access/access.policy.js';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems } from '../http/openapi.js';
import { EventsService } from './events.service.js';

export class EventsQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
}

export class SiteEventDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: 'attendance.punch' }) type: string;
  @ApiProperty({ type: Object, example: { userId: '…', kind: 'in' } }) data: Record<string, unknown>;
  @ApiProperty() at: string;
}

/** Server-sent events of a site: every change open consoles should show at once (live boards). */
@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly events: EventsService,
  ) {}

  @Get()
  @Roles(...(STAFF_ROLES as Role[]))
  @ApiOperation({
    operationId: 'streamSiteEvents',
    summary: "A live stream of the site's changes (text/event-stream)",
    description: 'One `data:` line of JSON (SiteEventDto) per event, a comment every 25 s to keep the connection open. Send the access token in the Authorization header (read the stream with fetch).',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ type: SiteEventDto })
  @ApiProblems([400, 401, 403, 404])
  async stream(@CurrentPrincipal() p: Principal, @Query() q: EventsQuery, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF_ROLES as Role[]);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no', 'x-request-id': String(req.id) });
    raw.write(': connected\n\n');
    const unsubscribe = this.events.subscribe(site.id, (e) => raw.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 25_000);
    heartbeat.unref();
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }
}
