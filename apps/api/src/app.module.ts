import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { AppConfig } from './config/config.js';
import { ApprovalsController } from './modules/approvals/approvals.controller.js';
import { AuditController } from './modules/audit/audit.controller.js';
import { DisciplineController } from './modules/discipline/discipline.controller.js';
import { HealthController } from './modules/health/health.controller.js';
import { DirectoryController } from './modules/identity/directory.controller.js';
import { UsersController } from './modules/identity/users.controller.js';
import { UsersService } from './modules/identity/users.service.js';
import { PlatformModule } from './platform/platform.module.js';
import { AttendanceModule } from './modules/attendance/attendance.module.js';
import { ClientAttributionModule } from './modules/client-attribution/client-attribution.module.js';
import { ReservationModule } from './modules/reservation/reservation.module.js';
import { ComplaintModule } from './modules/complaint/complaint.module.js';
import { RepairOrderModule } from './modules/repair-order/repair-order.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config), TerminusModule, AttendanceModule, ClientAttributionModule, ReservationModule, ComplaintModule, RepairOrderModule],
      controllers: [HealthController, UsersController, DirectoryController, AuditController, DisciplineController, ApprovalsController],
      providers: [UsersService],
    };
  }
}
