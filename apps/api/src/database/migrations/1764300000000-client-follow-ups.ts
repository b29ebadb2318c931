import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Client attribution, part A (SPEC CA-5, CA-19, GEN-9): missed follow-up due dates, each fined once in the
 * discipline register (unique per customer, owner and due date) and exemptable by the manager; the
 * consultants' daily work reports (one per consultant and day).
 */
export class ClientFollowUps1764300000000 implements MigrationInterface {
  name = 'ClientFollowUps1764300000000';

  async up(q: QueryRunner): Promise<void> {
    // The site's activity in a period, read by the conversion and sales reports (CA-14, CA-19).
    await q.query(`CREATE INDEX "IDX_732f2ecd07640e51f823ad0893" ON "customer_event"  ("site_id", "at") `);
    await q.query(`CREATE TABLE "client_follow_up_miss" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "policy_version" integer NOT NULL, "amount_fen" bigint NOT NULL, "discipline_entry_id" uuid, "status" text NOT NULL DEFAULT 'fined', "exempted_by" uuid, "exempted_at" TIMESTAMP WITH TIME ZONE, "exemption_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22288c3be1cc09ad1a92e904619" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_15234f39809a2bdd6ff84f8f88" ON "client_follow_up_miss"  ("site_id", "owner_id", "due_at") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_27a78fb02b34ab37bfb7e5283d" ON "client_follow_up_miss"  ("customer_id", "owner_id", "due_at") `);
    await q.query(`ALTER TABLE "client_follow_up_miss" ADD CONSTRAINT "FK_02121a1572d3e5ead40e598833f" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_follow_up_miss" ADD CONSTRAINT "FK_c594fbd290d82226661e7e4deb5" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_follow_up_miss" ADD CONSTRAINT "FK_71a2dea96a48db1a0abbdd2deb2" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE TABLE "client_daily_report" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "date" date NOT NULL, "figures" jsonb NOT NULL, "note" text, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "verdict" text, "judged_by" uuid, "judged_at" TIMESTAMP WITH TIME ZONE, "judgement_reason" text, CONSTRAINT "PK_e6d7fa4549ef02e669deab17219" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_52ed1acbed482b4b494d5f5138" ON "client_daily_report"  ("site_id", "date") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_ec9b2e872aa12932da67dc3909" ON "client_daily_report"  ("site_id", "user_id", "date") `);
    await q.query(`ALTER TABLE "client_daily_report" ADD CONSTRAINT "FK_e6c45db6acad0bea1a416dd1daf" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_daily_report" ADD CONSTRAINT "FK_82b156991dee0d02c012256131d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "client_daily_report"`);
    await q.query(`DROP TABLE "client_follow_up_miss"`);
    await q.query(`DROP INDEX "IDX_732f2ecd07640e51f823ad0893"`);
  }
}
