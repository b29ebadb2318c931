import { Module } from '@nestjs/common';
import { AttendanceDataService } from './attendance-data.service.js';
import { ClockController } from './clock.controller.js';
import { ClockService } from './clock.service.js';
import { KioskController } from './kiosk.controller.js';
import { KioskService } from './kiosk.service.js';
import { AttendancePolicyService } from './policy.service.js';
import { ReportController } from './report.controller.js';
import { AttendanceReportService } from './report.service.js';
import { RequestsController } from './requests.controller.js';
import { AttendanceRequestsService } from './requests.service.js';
import { ScheduleController } from './schedule.controller.js';
import { WagesController } from './wages.controller.js';

/** SPEC section 1: schedules, clock-in, late and absence, leave, swaps, penalties, the monthly report. */
@Module({
  controllers: [ScheduleController, ClockController, RequestsController, ReportController, KioskController, WagesController],
  providers: [AttendancePolicyService, AttendanceDataService, AttendanceRequestsService, AttendanceReportService, ClockService, KioskService],
  exports: [AttendancePolicyService, AttendanceDataService],
})
export class AttendanceModule {}
