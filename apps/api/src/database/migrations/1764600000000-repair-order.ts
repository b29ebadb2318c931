import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Repair orders (SPEC section 5, RO-1..RO-11): policy versions, the site's key cabinet, customer and
 * vehicle files (one per plate and site), repair orders with the RO-5 guarantee that a key tag is held
 * by one open order at a time (partial unique index over the domain's `KEY_TAG_STATES`), the customer's
 * signatures bound to the order version, the orders' timeline, warranty claims (RO-10), and property repair tickets (RO-11)
 * with their timeline.
 */
export class RepairOrder1764600000000 implements MigrationInterface {
  name = 'RepairOrder1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "repair_policy" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL, "policy" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_38e19963d32aad9db66d6cb83df" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_bfbbabe4fe82afefc35f0825f0" ON "repair_policy"  ("site_id", "version") `);
    await q.query(`CREATE TABLE "repair_key_cabinet" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "tags" jsonb NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0b424db7939addd9201c54b4e8c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_de6114ddc872fb6f3b2659d9e4" ON "repair_key_cabinet"  ("site_id") `);
    await q.query(`CREATE TABLE "vehicle_file" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_name" text NOT NULL, "address" text NOT NULL, "phone" text NOT NULL, "plate" text NOT NULL, "model" text NOT NULL, "vehicle_type" text NOT NULL, "odometer_km" integer NOT NULL, "km_per_day" double precision, "visit_date" date NOT NULL, "work_done" text NOT NULL, "wishes" text, "last_service_date" date NOT NULL, "last_service_km" integer NOT NULL, "next_service" jsonb NOT NULL, "next_service_date" date, "late" boolean NOT NULL, "created_by" uuid NOT NULL, "policy_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_vehicle_file_type" CHECK (vehicle_type IN ('car', 'suv', 'mpv', 'van', 'truck', 'bus', 'motorcycle', 'other')), CONSTRAINT "PK_97d8db1175be1ecaa2dd8b0f1e6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_812fdd435dab10836d5cbf6d30" ON "vehicle_file"  ("site_id", "next_service_date") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_7c0517814c74e019be35c4427b" ON "vehicle_file"  ("site_id", "plate") `);
    await q.query(`CREATE TABLE "repair_order" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "vehicle_id" uuid NOT NULL, "state" text NOT NULL, "version" integer NOT NULL, "advisor_id" uuid NOT NULL, "plate" text NOT NULL, "category" text NOT NULL, "key_tag" text, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "promised_at" TIMESTAMP WITH TIME ZONE, "data" jsonb NOT NULL, "exit_notice" jsonb, "policy_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_repair_order_state" CHECK (state IN ('opened', 'diagnosing', 'diagnosed', 'estimated', 'signed', 'checked_in', 'dispatched', 'in_progress', 'completed', 'quality_checked', 'ready', 'settled', 'exited', 'declined')), CONSTRAINT "PK_0242fb53aebde0681a77199995d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_cd14148fc381910ecd645b5ca2" ON "repair_order"  ("vehicle_id") `);
    await q.query(`CREATE INDEX "IDX_009275aaf1f256ef90a0855579" ON "repair_order"  ("site_id", "opened_at") `);
    await q.query(`CREATE INDEX "IDX_4fd06bd31b6e8051235a6c942e" ON "repair_order"  ("site_id", "advisor_id") `);
    await q.query(`CREATE INDEX "IDX_0ccf760f72c0a1d13d633db2a4" ON "repair_order"  ("site_id", "state") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_repair_order_key_tag" ON "repair_order"  ("site_id", "key_tag") WHERE state IN ('checked_in', 'dispatched', 'in_progress', 'completed', 'quality_checked', 'ready', 'settled')`);
    await q.query(`CREATE TABLE "repair_order_signature" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "purpose" text NOT NULL, "signer" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, "recorded_by" uuid NOT NULL, CONSTRAINT "CHK_repair_order_signature_purpose" CHECK (purpose IN ('diagnosis_consent', 'order', 'document_differences', 'belongings', 'exit')), CONSTRAINT "PK_cdba38716c910b9c366fb1c558d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_88c21079c4a9068e080a2f9525" ON "repair_order_signature"  ("order_id", "at") `);
    await q.query(`CREATE TABLE "repair_order_event" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "type" text NOT NULL, "actor_id" uuid, "data" jsonb NOT NULL DEFAULT '{}', "rule_ids" jsonb NOT NULL DEFAULT '[]', "policy_version" integer NOT NULL, CONSTRAINT "PK_6e0f8b0aebc04f6f2d4277fe7fa" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_dc249f7a11e81c68204f6a026c" ON "repair_order_event"  ("order_id", "at") `);
    await q.query(`ALTER TABLE "repair_policy" ADD CONSTRAINT "FK_63e705427e6e385e7f78c2fe45e" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_key_cabinet" ADD CONSTRAINT "FK_de6114ddc872fb6f3b2659d9e45" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "vehicle_file" ADD CONSTRAINT "FK_5620a8e5b7ae455388cc1e5c31e" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "vehicle_file" ADD CONSTRAINT "FK_cc611fd763f83e0dc9ab71c012e" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_order" ADD CONSTRAINT "FK_9fd1b339b8e65459794c2380202" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_order" ADD CONSTRAINT "FK_cd14148fc381910ecd645b5ca25" FOREIGN KEY ("vehicle_id") REFERENCES "vehicle_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_order" ADD CONSTRAINT "FK_eb3afa70d10ac01d589a82375b8" FOREIGN KEY ("advisor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_order_signature" ADD CONSTRAINT "FK_3ad0f4f86e042c0335edf60aeac" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_order_signature" ADD CONSTRAINT "FK_5ea534fc98d9063e7b37794b084" FOREIGN KEY ("order_id") REFERENCES "repair_order"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_order_event" ADD CONSTRAINT "FK_261a72b539d7d58386a3c57b3ee" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_order_event" ADD CONSTRAINT "FK_12816b2b49e13bdb87cf3358402" FOREIGN KEY ("order_id") REFERENCES "repair_order"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE TABLE "repair_ticket" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "state" text NOT NULL, "owner_id" uuid NOT NULL, "category" text NOT NULL, "department" text, "phone" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fee_total_fen" integer, "fee_issued_at" TIMESTAMP WITH TIME ZONE, "fee_paid_at" TIMESTAMP WITH TIME ZONE, "data" jsonb NOT NULL, "policy_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_repair_ticket_state" CHECK (state IN ('received', 'dispatched', 'done', 'followed_up', 'closed')), CONSTRAINT "PK_1e4276ba9414efa9e4a583f74a8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_c88275cf9d0deb67ee55d27761" ON "repair_ticket"  ("site_id", "fee_issued_at") `);
    await q.query(`CREATE INDEX "IDX_a136cdc10fbb3584ecf488b6a9" ON "repair_ticket"  ("site_id", "received_at") `);
    await q.query(`CREATE INDEX "IDX_73956fc51d8a06113b1e204c98" ON "repair_ticket"  ("site_id", "state") `);
    await q.query(`CREATE TABLE "repair_ticket_event" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "ticket_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "type" text NOT NULL, "actor_id" uuid, "data" jsonb NOT NULL DEFAULT '{}', "rule_ids" jsonb NOT NULL DEFAULT '[]', "policy_version" integer NOT NULL, CONSTRAINT "PK_e0e100a2f279d8a6872b4c8df6c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_24d616801ed390450ac0803041" ON "repair_ticket_event"  ("ticket_id", "at") `);
    await q.query(`ALTER TABLE "repair_ticket" ADD CONSTRAINT "FK_c2f52b19973ae622d3c06534863" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_ticket" ADD CONSTRAINT "FK_cf6c306dd0c3bed26d031977ba0" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_ticket_event" ADD CONSTRAINT "FK_db797a40905003f2945dbab404f" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_ticket_event" ADD CONSTRAINT "FK_02fe040777998d9e48ac6facd57" FOREIGN KEY ("ticket_id") REFERENCES "repair_ticket"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "vehicle_file" ADD "service_reminder_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "vehicle_file" ADD "service_reminder_sent_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "vehicle_file" ADD "service_reminder_sent_by" uuid`);
    await q.query(`CREATE INDEX "IDX_76455fb0abf27d41aad4cc8302" ON "vehicle_file"  ("site_id", "service_reminder_at") `);
    await q.query(`CREATE TABLE "repair_warranty_claim" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "line_ids" jsonb NOT NULL, "description" text NOT NULL, "odometer_km" integer NOT NULL, "assessment" jsonb NOT NULL, "status" text NOT NULL, "resolution" text, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" uuid NOT NULL, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "policy_version" integer NOT NULL, CONSTRAINT "CHK_repair_warranty_claim_status" CHECK (status IN ('open', 'accepted', 'rejected')), CONSTRAINT "PK_0c9111e29ec69a2c4a0859981d3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_48ec7d2c0bf6877097cca5da4e" ON "repair_warranty_claim"  ("site_id", "status") `);
    await q.query(`CREATE INDEX "IDX_d7f7ab3927a4bdbc70f241d3fb" ON "repair_warranty_claim"  ("order_id", "claimed_at") `);
    await q.query(`ALTER TABLE "repair_warranty_claim" ADD CONSTRAINT "FK_eae22dadf43ff4060b12176a639" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "repair_warranty_claim" ADD CONSTRAINT "FK_93b6692cea545084645bf193854" FOREIGN KEY ("order_id") REFERENCES "repair_order"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "repair_ticket_event"`);
    await q.query(`DROP TABLE "repair_ticket"`);
    await q.query(`DROP TABLE "repair_warranty_claim"`);
    await q.query(`DROP TABLE "repair_order_event"`);
    await q.query(`DROP TABLE "repair_order_signature"`);
    await q.query(`DROP TABLE "repair_order"`);
    await q.query(`DROP TABLE "vehicle_file"`);
    await q.query(`DROP TABLE "repair_key_cabinet"`);
    await q.query(`DROP TABLE "repair_policy"`);
  }
}
