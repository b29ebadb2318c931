import { Module } from '@nestjs/common';
import { ClientsController } from './clients.controller.js';
import { CustomersService } from './customers.service.js';
import { AgentsController } from './agents.controller.js';
import { CommissionController, PartnerCommissionsController } from './commission.controller.js';
import { CommissionService } from './commission.service.js';
import { CustomerCommandsController } from './customer-commands.controller.js';
import { CustomerCommandsService } from './customer-commands.service.js';
import { DisputesController, PartnerAppealsController } from './disputes.controller.js';
import { DisputesService } from './disputes.service.js';
import { FollowUpsController } from './follow-ups.controller.js';
import { FollowUpsService } from './follow-ups.service.js';
import { PoolController } from './pool.controller.js';
import { ClientPolicyController } from './policy.controller.js';
import { SalesReportsController } from './sales-reports.controller.js';
import { SalesReportsService } from './sales-reports.service.js';
import { PartnerInboxController } from './partner-inbox.controller.js';
import { SmsOutbox } from './sms-outbox.service.js';
import { PoolService } from './pool.service.js';
import { PartnerReportsController } from './partner-reports.controller.js';
import { PartnerReportsService } from './partner-reports.service.js';
import { ClientPolicyService } from './policy.service.js';
import { RotationController } from './rotation.controller.js';
import { RotationService } from './rotation.service.js';

/** SPEC section 2: customer ownership, partner-agency reports, rotation, disputes. */
@Module({
  controllers: [PartnerReportsController, ClientsController, RotationController, PartnerInboxController, FollowUpsController, PoolController, ClientPolicyController, CustomerCommandsController, DisputesController, PartnerAppealsController, AgentsController, CommissionController, PartnerCommissionsController, SalesReportsController],
  providers: [ClientPolicyService, PartnerReportsService, CustomersService, RotationService, FollowUpsService, PoolService, CustomerCommandsService, DisputesService, CommissionService, SalesReportsService, SmsOutbox],
  exports: [CommissionService, ClientPolicyService, SmsOutbox],
})
export class ClientAttributionModule {}
