import { Module } from '@nestjs/common';
import { OrdersController, ReservationPolicyController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';
import { ReservationPolicyService } from './policy.service.js';
import { UnitsController } from './units.controller.js';
import { UnitsService } from './units.service.js';

/** SPEC section 3 (sales part, RES-1..RES-6): unit inventory, holds, orders, payments, lapses, cancellations. */
@Module({
  controllers: [UnitsController, OrdersController, ReservationPolicyController],
  providers: [ReservationPolicyService, UnitsService, OrdersService],
  exports: [UnitsService, OrdersService],
})
export class ReservationModule {}
