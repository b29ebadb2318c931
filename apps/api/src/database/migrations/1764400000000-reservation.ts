import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reservation (SPEC section 3, RES-1..RES-6): policy versions, the unit inventory (one unit per
 * building and number on a site), orders on units with the partial unique index that allows one
 * active order per unit (RES-3: no unit sold twice), and the cashier's payments (one per kind and order).
 */
export class Reservation1764400000000 implements MigrationInterface {
  name = 'Reservation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "reservation_policy" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL, "policy" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_137d68a73d26eedced04051d9c6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_64f8b900d0af23e9e5c0599a97" ON "reservation_policy"  ("site_id", "version") `);
    await q.query(`CREATE TABLE "unit" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "building" text NOT NULL, "number" text NOT NULL, "unit_key" text NOT NULL, "floor" integer NOT NULL, "layout" text NOT NULL, "area_centi_m2" integer NOT NULL, "list_price_fen" bigint NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_unit_values" CHECK (list_price_fen > 0 AND area_centi_m2 > 0), CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_95bf37da763d52cd24dee80c23" ON "unit"  ("site_id", "building", "floor") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_62d109b1e519bf358b135b942e" ON "unit"  ("site_id", "unit_key") `);
    await q.query(`CREATE TABLE "unit_order" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "unit_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "status" text NOT NULL, "held_by" uuid NOT NULL, "held_at" TIMESTAMP WITH TIME ZONE NOT NULL, "list_price_fen" bigint NOT NULL, "approved_price_fen" bigint, "price_fen" bigint, "subscription_fen" bigint, "agreement_no" text, "subscribed_by" uuid, "subscribed_at" TIMESTAMP WITH TIME ZONE, "payment_due_at" TIMESTAMP WITH TIME ZONE, "policy_version" integer, "subscription_paid_at" TIMESTAMP WITH TIME ZONE, "deposit_fen" bigint, "deposit_agreement_no" text, "deposited_at" TIMESTAMP WITH TIME ZONE, "deposit_paid_at" TIMESTAMP WITH TIME ZONE, "signing_notice_at" TIMESTAMP WITH TIME ZONE, "signing_notice" jsonb, "wording_approved_at" TIMESTAMP WITH TIME ZONE, "contract_no" text, "wording_differs" boolean NOT NULL DEFAULT false, "contracted_at" TIMESTAMP WITH TIME ZONE, "refund_fen" bigint, "refund_paid_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "ended_by" uuid, "end_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_unit_order_status" CHECK (status IN ('held', 'subscribed', 'deposited', 'contracted', 'released', 'lapsed', 'cancelled', 'void')), "clauses" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_e114f7e5a5515356d57d18536bb" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_ca0f611456c4d72d072f3372bb" ON "unit_order"  ("status", "payment_due_at") `);
    await q.query(`CREATE INDEX "IDX_928e0b85bf2f0a7983ed2cfce2" ON "unit_order"  ("site_id", "status") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_unit_order_active" ON "unit_order"  ("unit_id") WHERE status IN ('held', 'subscribed', 'deposited', 'contracted')`);
    await q.query(`CREATE TABLE "unit_payment" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "kind" text NOT NULL, "amount_fen" bigint NOT NULL, "receipt_no" text NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_unit_payment_amount" CHECK (amount_fen > 0 AND kind IN ('subscription', 'deposit', 'refund')), CONSTRAINT "PK_3b903b9c270a61cd8dfbe95b074" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_c1880d9281d75019424bcf3962" ON "unit_payment"  ("site_id", "recorded_at") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_1f0c4f08d0656b7f23d2602242" ON "unit_payment"  ("order_id", "kind") `);
    await q.query(`ALTER TABLE "reservation_policy" ADD CONSTRAINT "FK_fae1ba9b5f750df3617e00ae7f0" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit" ADD CONSTRAINT "FK_4387e2d4aff1701078b83659d57" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_order" ADD CONSTRAINT "FK_4fd13c3ba9592481ffa98772fd0" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_order" ADD CONSTRAINT "FK_67538a4f44cfb7819190c51d2ec" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_order" ADD CONSTRAINT "FK_cb485615dc1b88b80a5d31d3f92" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_order" ADD CONSTRAINT "FK_80459edc59cda946c7a4940ba46" FOREIGN KEY ("held_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_payment" ADD CONSTRAINT "FK_63462100ae396dcbd21d9fb7f74" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_payment" ADD CONSTRAINT "FK_fc4dc30692ac45cb3349a4130c0" FOREIGN KEY ("order_id") REFERENCES "unit_order"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_payment" ADD CONSTRAINT "FK_055c66c177ae361df1e25fac327" FOREIGN KEY ("recorded_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "unit_payment"`);
    await q.query(`DROP TABLE "unit_order"`);
    await q.query(`DROP TABLE "unit"`);
    await q.query(`DROP TABLE "reservation_policy"`);
  }
}
