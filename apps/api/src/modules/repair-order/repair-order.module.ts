import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { ComplaintModule } from '../complaint/complaint.module.js';
import { CallCentreController, CallCentreService } from './call-centre.controller.js';
import { RepairOrdersController } from './repair-orders.controller.js';
import { RepairOrdersService } from './repair-orders.service.js';
import { VehiclesController } from './vehicles.controller.js';
import { RepairPolicyService } from './policy.service.js';
import { RepairTicketsController } from './repair-tickets.controller.js';
import { RepairTicketsService } from './repair-tickets.service.js';

/** SPEC section 5 (RO-1..RO-11): vehicle files, the key cabinet, repair orders and their life cycle, property repair tickets. */
@Module({
  imports: [ComplaintModule, AttendanceModule],
  controllers: [VehiclesController, RepairOrdersController, CallCentreController, RepairTicketsController],
  providers: [RepairPolicyService, RepairOrdersService, RepairTicketsService, CallCentreService],
  exports: [RepairOrdersService],
})
export class RepairOrderModule {}
