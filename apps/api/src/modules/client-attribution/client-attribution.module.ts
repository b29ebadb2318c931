import { Module } from '@nestjs/common';
import { ClientsController } from './clients.controller.js';
import { CustomersService } from './customers.service.js';
import { PartnerReportsController } from './partner-reports.controller.js';
import { PartnerReportsService } from './partner-reports.service.js';
import { ClientPolicyService } from './policy.service.js';
import { RotationController } from './rotation.controller.js';
import { RotationService } from './rotation.service.js';

/** SPEC section 2: customer ownership, partner-agency reports, rotation, disputes. */
@Module({
  controllers: [PartnerReportsController, ClientsController, RotationController],
  providers: [ClientPolicyService, PartnerReportsService, CustomersService, RotationService],
  exports: [ClientPolicyService],
})
export class ClientAttributionModule {}
