import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reservation part 2 (SPEC section 3, RES-7..RES-10): appointment policy versions; service slots whose
 * booked counter the database keeps within the bays (CHECK booked <= capacity, RES-10) and the service
 * appointment register (RES-9); the move-in schedule, its slot and group-leader capacities, the steps of
 * each visit and the reception desk (RES-7, RES-8).
 */
export class ReservationAppointments1764410000000 implements MigrationInterface {
  name = 'ReservationAppointments1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "appointment_policy" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL, "policy" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a79201b6e370bbe78cd855dbb24" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_1076821890d992daa2252e4528" ON "appointment_policy"  ("site_id", "version") `);
    await q.query(`CREATE TABLE "service_slot" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "date" date NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "capacity" integer NOT NULL, "booked" integer NOT NULL DEFAULT '0', CONSTRAINT "CHK_service_slot_capacity" CHECK (capacity >= 0 AND booked >= 0 AND booked <= capacity), CONSTRAINT "PK_50cdd3220fd7e2b220911132d8a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_8e5864ade4807bcde91088a09a" ON "service_slot"  ("site_id", "date") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_0d09d8370a84aa858769cee261" ON "service_slot"  ("site_id", "starts_at") `);
    await q.query(`CREATE TABLE "service_appointment" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "slot_id" uuid NOT NULL, "date" date NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL, "customer_name" text NOT NULL, "customer_phone" text NOT NULL, "vehicle_plate" text NOT NULL, "vehicle_model" text, "work" text NOT NULL, "parts_fen" bigint NOT NULL, "deposit_fen" bigint NOT NULL, "required_deposit_fen" bigint NOT NULL, "deposit_receipt_no" text, "form_no" text NOT NULL, "signed_by" text NOT NULL, "booked_by" uuid NOT NULL, "booked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "policy_version" integer NOT NULL, "remind_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reminded_at" TIMESTAMP WITH TIME ZONE, "reminder_sms_id" uuid, "workshop_notified_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancelled_by" uuid, "cancel_reason" text, CONSTRAINT "CHK_service_appointment_values" CHECK (status IN ('booked', 'cancelled') AND parts_fen >= 0 AND deposit_fen >= 0 AND deposit_fen >= required_deposit_fen), CONSTRAINT "PK_ff9101132f20fab42416de00882" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_f80a3fa6ddfa1c0457299f5aba" ON "service_appointment"  ("site_id", "form_no") `);
    await q.query(`CREATE INDEX "IDX_6e9c0d203b14a36a6f29c4d9c5" ON "service_appointment"  ("site_id", "date", "starts_at") `);
    await q.query(`ALTER TABLE "appointment_policy" ADD CONSTRAINT "FK_69c4f42cb56725bb1d98329c904" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "service_slot" ADD CONSTRAINT "FK_74e678b06f73ee0e415cdce1a7b" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "service_appointment" ADD CONSTRAINT "FK_c99e1c154aee18d632fc5b66ba4" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "service_appointment" ADD CONSTRAINT "FK_384da7d85acd4079d32f35f95c9" FOREIGN KEY ("slot_id") REFERENCES "service_slot"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "service_appointment" ADD CONSTRAINT "FK_209bf9f4a3b7fa427f30d0bc6ae" FOREIGN KEY ("booked_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // RES-7/RES-8/RES-10: move-in slots and group-leader shares counted within capacity, the schedule
    // (one active line per notice and per unit), the steps of each visit, and the desk never left empty.
    await q.query(`CREATE TABLE "move_in_slot" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "date" date NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "capacity" integer NOT NULL, "booked" integer NOT NULL DEFAULT '0', CONSTRAINT "CHK_move_in_slot_capacity" CHECK (capacity >= 0 AND booked >= 0 AND booked <= capacity), CONSTRAINT "PK_3be8aebbd59317ce0038c2651a7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_c2b25e70082dbfb4f3685f9a9b" ON "move_in_slot"  ("site_id", "date") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_85c9ad9282618b6918b145e327" ON "move_in_slot"  ("site_id", "starts_at") `);
    await q.query(`CREATE TABLE "move_in_leader_slot" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "slot_id" uuid NOT NULL, "leader_id" uuid NOT NULL, "capacity" integer NOT NULL, "booked" integer NOT NULL DEFAULT '0', CONSTRAINT "CHK_move_in_leader_slot_capacity" CHECK (capacity >= 0 AND booked >= 0 AND booked <= capacity), CONSTRAINT "PK_dbe68c9b4c0924f7e3f1feef6ea" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_b9ff6de4f297d4816b942527a3" ON "move_in_leader_slot"  ("slot_id", "leader_id") `);
    await q.query(`CREATE TABLE "move_in_appointment" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "slot_id" uuid NOT NULL, "date" date NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "unit_id" uuid NOT NULL, "owner_name" text NOT NULL, "notice_no" text NOT NULL, "notice_key" text NOT NULL, "leader_id" uuid NOT NULL, "status" text NOT NULL, "arrival" text, "arrived_at" TIMESTAMP WITH TIME ZONE, "checked_in_by" uuid, "checked_in_via" text, "leader_decision" text, "leader_decided_at" TIMESTAMP WITH TIME ZONE, "step" text, "papers_holder_id" uuid, "missed_at" TIMESTAMP WITH TIME ZONE, "rescheduled_to" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_move_in_appointment_values" CHECK (status IN ('scheduled', 'waiting', 'arrived', 'missed', 'rescheduled') AND (step IS NULL OR step IN ('reception', 'greeting', 'verification', 'payment', 'done'))), CONSTRAINT "PK_56e66a95c63fedf071015965d63" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_1f8db02f913a231b9bba92debb" ON "move_in_appointment"  ("status", "ends_at") `);
    await q.query(`CREATE INDEX "IDX_d54e52b974de56b789cb3ef731" ON "move_in_appointment"  ("site_id", "date", "starts_at") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_move_in_unit_active" ON "move_in_appointment"  ("unit_id") WHERE status <> 'rescheduled'`);
    await q.query(`CREATE UNIQUE INDEX "UQ_move_in_notice_active" ON "move_in_appointment"  ("site_id", "notice_key") WHERE status <> 'rescheduled'`);
    await q.query(`CREATE TABLE "move_in_step" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "appointment_id" uuid NOT NULL, "step" text NOT NULL, "holder_id" uuid NOT NULL, "by_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_move_in_step" CHECK (step IN ('reception', 'greeting', 'verification', 'payment', 'done')), CONSTRAINT "PK_0ecd96030064d2630d102a23fe9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_4274585df2f62d4a6ca2aa8074" ON "move_in_step"  ("appointment_id", "at") `);
    await q.query(`CREATE TABLE "move_in_desk" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "date" date NOT NULL, "at_desk" uuid array NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_move_in_desk_staffed" CHECK (cardinality(at_desk) >= 1), CONSTRAINT "PK_3c859d58958543ed5e892af96ff" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_da604b40c2bf11bd26d5380c3f" ON "move_in_desk"  ("site_id", "date") `);
    await q.query(`ALTER TABLE "move_in_slot" ADD CONSTRAINT "FK_6ac1dd5e3c56141d2214c29c308" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "move_in_leader_slot" ADD CONSTRAINT "FK_ea75c02d9aaacc25202b3af479d" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "move_in_leader_slot" ADD CONSTRAINT "FK_f267adfb2d679cab43147bba8ef" FOREIGN KEY ("slot_id") REFERENCES "move_in_slot"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "move_in_leader_slot" ADD CONSTRAINT "FK_8db58dcdc36815e7e9a046559a2" FOREIGN KEY ("leader_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "move_in_appointment" ADD CONSTRAINT "FK_08ee5c3bb3d754d1c815d742a12" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "move_in_appointment" ADD CONSTRAINT "FK_cb93155dd969a3fb7879138159d" FOREIGN KEY ("slot_id") REFERENCES "move_in_slot"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "move_in_appointment" ADD CONSTRAINT "FK_ccebf753065b35b93642204d260" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "move_in_appointment" ADD CONSTRAINT "FK_47fd9c8f3dfec3479b9d640e7c2" FOREIGN KEY ("leader_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "move_in_step" ADD CONSTRAINT "FK_b5fbc2597aa29730e6e45e3029f" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "move_in_step" ADD CONSTRAINT "FK_aaac8aa6349aa1eae07f5ce507c" FOREIGN KEY ("appointment_id") REFERENCES "move_in_appointment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "move_in_step" ADD CONSTRAINT "FK_facbd26b6472afbb0e64a7e76d3" FOREIGN KEY ("holder_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "move_in_desk" ADD CONSTRAINT "FK_984593f160f2c9c2372792acf85" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['move_in_desk', 'move_in_step', 'move_in_appointment', 'move_in_leader_slot', 'move_in_slot']) await q.query(`DROP TABLE "${t}"`);
    await q.query(`DROP TABLE "service_appointment"`);
    await q.query(`DROP TABLE "service_slot"`);
    await q.query(`DROP TABLE "appointment_policy"`);
  }
}
