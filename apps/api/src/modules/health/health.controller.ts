import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../platform/auth/decorators.js';

class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' }) status: string;
  @ApiProperty({ example: { database: { status: 'up', responseTime: 2 } }, type: Object }) info: object;
  @ApiProperty({ example: {}, type: Object }) error: object;
  @ApiProperty({ example: { database: { status: 'up', responseTime: 2 } }, type: Object }) details: object;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @Public()
  // Documented here rather than by terminus, whose own swagger decoration depends on how modules load.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ operationId: 'health', summary: 'Liveness and database reachability' })
  @ApiOkResponse({ type: HealthDto, description: 'The database answers' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database does not answer' })
  check() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 2000 })]);
  }
}
