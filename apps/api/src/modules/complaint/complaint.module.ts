import { Module } from '@nestjs/common';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsService } from './complaints.service.js';
import { ComplaintFollowUpReportsController } from './follow-up-reports.controller.js';
import { ComplaintFollowUpReportsService } from './follow-up-reports.service.js';
import { ComplaintPolicyService } from './policy.service.js';
import { ComplaintStatisticsController } from './statistics.controller.js';
import { ComplaintStatisticsService } from './statistics.service.js';

/** SPEC section 4 (CMP-1..CMP-10): complaint intake, life cycle, SLA escalation, follow-up calls, statistics. */
@Module({
  controllers: [ComplaintFollowUpReportsController, ComplaintStatisticsController, ComplaintsController],
  providers: [ComplaintPolicyService, ComplaintsService, ComplaintStatisticsService, ComplaintFollowUpReportsService],
  exports: [ComplaintsService],
})
export class ComplaintModule {}
