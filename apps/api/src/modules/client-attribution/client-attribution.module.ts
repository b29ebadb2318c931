import { Module } from '@nestjs/common';
import { PartnerReportsController } from './partner-reports.controller.js';
import { PartnerReportsService } from './partner-reports.service.js';
import { ClientPolicyService } from './policy.service.js';

/** SPEC section 2: customer ownership, partner-agency reports, rotation, disputes. */
@Module({
  controllers: [PartnerReportsController],
  providers: [ClientPolicyService, PartnerReportsService],
  exports: [ClientPolicyService],
})
export class ClientAttributionModule {}
