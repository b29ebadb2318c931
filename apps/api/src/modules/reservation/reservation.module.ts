import { Module } from '@nestjs/common';
import { ClientAttributionModule } from '../client-attribution/client-attribution.module.js';
import { MoveInController } from './move-in.controller.js';
import { MoveInService } from './move-in.service.js';
import { OrdersController, ReservationPolicyController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';
import { ReservationPolicyService } from './policy.service.js';
import { AppointmentPolicyController, ServiceAppointmentsController } from './service-appointments.controller.js';
import { AppointmentPolicyService, ServiceAppointmentsService } from './service-appointments.service.js';
import { UnitsController } from './units.controller.js';
import { UnitsService } from './units.service.js';

/** SPEC section 3: unit inventory, holds, orders, payments, lapses, cancellations (RES-1..RES-6); move-in and service appointments (RES-7..RES-10). */
@Module({
  imports: [ClientAttributionModule],
  controllers: [UnitsController, OrdersController, ReservationPolicyController, ServiceAppointmentsController, AppointmentPolicyController, MoveInController],
  providers: [ReservationPolicyService, UnitsService, OrdersService, AppointmentPolicyService, ServiceAppointmentsService, MoveInService],
  exports: [UnitsService, OrdersService],
})
export class ReservationModule {}
