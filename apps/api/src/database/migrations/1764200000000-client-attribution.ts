import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Client attribution (SPEC section 2): policy versions, customers (unique phone per site, CA-1), their
 * event history, partner reports with visit codes (CA-6, CA-7, CA-15, CA-16), barred agents, the SMS outbox (CA-13) and the reception line (CA-10).
 */
export class ClientAttribution1764200000000 implements MigrationInterface {
  name = 'ClientAttribution1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "client_policy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "version" integer NOT NULL, "policy" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cc15f6d4600233d2d682f9c23c7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_4e08e75ab33eb1d2117cc0b2d9" ON "client_policy"  ("site_id", "version") `);
    await q.query(`CREATE TABLE "customer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "name" text NOT NULL, "phone" text NOT NULL, "phone_pattern" text NOT NULL, "source" text NOT NULL, "grade" text NOT NULL DEFAULT 'C', "status" text NOT NULL DEFAULT 'new', "owner_id" uuid, "owner_since" TIMESTAMP WITH TIME ZONE, "protected_until" TIMESTAMP WITH TIME ZONE, "agency_id" uuid, "owner_rule_ids" jsonb NOT NULL DEFAULT '[]', "visited" boolean NOT NULL DEFAULT false, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_f970feb88d744d97f29252f741" ON "customer"  ("site_id", "owner_id") `);
    await q.query(`CREATE INDEX "IDX_9fc94cc826cadeb70ddf56b16f" ON "customer"  ("site_id", "phone_pattern") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_38e636a1a65f6bce9e821aecf0" ON "customer"  ("site_id", "phone") `);
    await q.query(`CREATE TABLE "customer_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "kind" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "consultant_id" uuid, "details" jsonb NOT NULL DEFAULT '{}', "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "late_entry" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_cea68868c24effeb82f6a6968c1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_3ebc915dab96a588b2fb3bc3fd" ON "customer_event"  ("customer_id", "at") `);
    await q.query(`CREATE TABLE "partner_report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sequence" BIGSERIAL NOT NULL, "site_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "agent_id" uuid NOT NULL, "customer_name" text NOT NULL, "phone" text, "phone_pattern" text NOT NULL, "expected_visit_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL, "status_reason" text NOT NULL, "visit_code" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "customer_id" uuid, "visited_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a0fe001a8bb912bd942cd9a802" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_e1a015aec430ea6e9c5cc90f7f" ON "partner_report"  ("visit_code") `);
    await q.query(`CREATE INDEX "IDX_93b47cd0275f3948db2b5397a3" ON "partner_report"  ("agency_id", "created_at") `);
    await q.query(`CREATE INDEX "IDX_cbb2fffe4d817e544482d419f6" ON "partner_report"  ("site_id", "phone_pattern", "status") `);
    await q.query(`CREATE TABLE "barred_agent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "agent_id" uuid NOT NULL, "reason" text NOT NULL, "barred_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lifted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_17843fb379d68cf0b6b0ed3bf82" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_cf4ae7995521a34918dd58621b" ON "barred_agent"  ("site_id", "agent_id") WHERE lifted_at IS NULL`);
    await q.query(`ALTER TABLE "client_policy" ADD CONSTRAINT "FK_8dbffcff1ca3ba57d0ed9195722" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "customer" ADD CONSTRAINT "FK_bff7b00c3697f509b0ebcff1552" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "customer" ADD CONSTRAINT "FK_5fe6fc4b74a90db7f6b74c05db5" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "customer_event" ADD CONSTRAINT "FK_02e52c32d736a3a44b825103efe" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "customer_event" ADD CONSTRAINT "FK_bb2e95956ad6c7f575ed09b9c0b" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "partner_report" ADD CONSTRAINT "FK_8ab2fe8a655e5625e374a93ed46" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "partner_report" ADD CONSTRAINT "FK_76f7c347ae1c99894a47624ffb5" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "barred_agent" ADD CONSTRAINT "FK_de44802d85d618d7a21f315bc64" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE TABLE "sms_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "event_id" uuid, "to_phone" text NOT NULL, "body" text NOT NULL, "status" text NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "provider" text, "sent_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_121900f2127a5152cf20898a11c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_2a7aa38b74c4b54a071f91ff49" ON "sms_message"  ("site_id", "created_at") `);
    await q.query(`ALTER TABLE "sms_message" ADD CONSTRAINT "FK_ccc43dbdfe4c1e9164e1191bf36" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE TABLE "rotation_day" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "date" date NOT NULL, "state" jsonb NOT NULL, "published_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_46ad65412efe41900396e05ca46" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_52eed05e0271f218af7884cf64" ON "rotation_day"  ("site_id", "date") `);
    await q.query(`ALTER TABLE "rotation_day" ADD CONSTRAINT "FK_33c46260b251fef7fe268afe2b2" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['rotation_day', 'sms_message', 'barred_agent', 'partner_report', 'customer_event', 'customer', 'client_policy']) await q.query(`DROP TABLE "${t}"`);
  }
}
