import { Global, Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LessThan } from 'typeorm';
import { AppConfig } from '../config/config.js';
import { dataSourceOptions } from '../database/data-source.js';
import { AccessPolicy } from './access/access.policy.js';
import { ApprovalsService } from './approvals/approvals.service.js';
import { AuditService } from './audit/audit.service.js';
import { AccessRevocations } from './auth/access-revocations.js';
import { ApiKeysService } from './auth/api-keys.service.js';
import { AuthController } from './auth/auth.controller.js';
import { SiteDeskAuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import { DisciplineService } from './discipline/discipline.service.js';
import { ProblemFilter } from './errors/problem.filter.js';
import { EventsController } from './events/events.controller.js';
import { EventsService } from './events/events.service.js';
import { RateLimitGuard } from './http/rate-limit.js';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { LoginAttempt } from './identity/identity.entities.js';
import { JobsService } from './jobs/jobs.service.js';

const SHARED = [AccessPolicy, AccessRevocations, AuditService, ApiKeysService, AuthService, JobsService, ApprovalsService, DisciplineService, EventsService];

/** Auth, access policy, audit, idempotency, jobs, approvals, discipline: what every module stands on. */
@Global()
@Module({})
export class PlatformModule implements OnModuleInit {
  constructor(@Inject(JobsService) private readonly jobs: JobsService) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE, ['debug', 'trace'].includes(config.LOG_LEVEL)),
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        PassportModule,
        JwtModule.register({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256', issuer: 'sitedesk' }, verifyOptions: { algorithms: ['HS256'] } }),
      ],
      controllers: [AuthController, EventsController],
      providers: [
        { provide: AppConfig, useValue: config },
        ...SHARED,
        JwtStrategy,
        { provide: APP_GUARD, useClass: SiteDeskAuthGuard },
        // After authentication, so that limits are per caller.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [AppConfig, ...SHARED],
    };
  }

  onModuleInit() {
    // Housekeeping: idempotency records live 24 h, login attempts a day.
    this.jobs.every('platform.cleanup', 3_600_000, async (_job, em) => {
      const dayAgo = new Date(Date.now() - 86_400_000);
      await em.getRepository(IdempotencyRecord).delete({ createdAt: LessThan(dayAgo) });
      await em.getRepository(LoginAttempt).delete({ at: LessThan(dayAgo) });
    });
  }
}
