import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Client attribution part B: disputes (CA-12) with one open dispute per customer and claimant; appeals
 * (CA-17) at most once per dispute and per report, with their attachments kept in the database
 * (size-limited, SHA-256); the agency commission ledger (CA-17, forfeited by a 撬单 finding CA-6), one
 * entry per customer.
 */
export class ClientDisputes1764310000000 implements MigrationInterface {
  name = 'ClientDisputes1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "client_dispute" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "claimant_id" uuid NOT NULL, "respondent_id" uuid, "statement" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "winner_id" uuid, "reasons" text, "rule_ids" jsonb NOT NULL DEFAULT '[]', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_client_dispute_status" CHECK (status IN ('open', 'decided') AND (status = 'open' OR (winner_id IS NOT NULL AND decided_at IS NOT NULL))), CONSTRAINT "PK_f5eeba9670ced45bf60808aef2a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_811f0842a29892bcdc38db6b40" ON "client_dispute"  ("customer_id", "claimant_id") WHERE status = 'open'`);
    await q.query(`CREATE INDEX "IDX_cfd6c5e0d3a397c8f11f16b268" ON "client_dispute"  ("site_id", "status", "created_at") `);
    await q.query(`CREATE TABLE "client_appeal" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid, "subject" text NOT NULL, "dispute_id" uuid, "report_id" uuid, "appellant_id" uuid NOT NULL, "agency_id" uuid, "statement" text NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'open', "reasons" text, "rule_ids" jsonb NOT NULL DEFAULT '[]', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_client_appeal_subject" CHECK (status IN ('open', 'upheld', 'rejected') AND ((subject = 'dispute' AND dispute_id IS NOT NULL AND report_id IS NULL) OR (subject = 'report' AND report_id IS NOT NULL AND dispute_id IS NULL))), CONSTRAINT "PK_6dd41d6a47e36a59645b6809052" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_d533cea19b410edbfd73770e43" ON "client_appeal"  ("agency_id", "created_at") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_d0c719ff24d12418eadb1afaa7" ON "client_appeal"  ("report_id") WHERE report_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "IDX_2a02b75e6d2dcce9825a4e9226" ON "client_appeal"  ("dispute_id") WHERE dispute_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_788fd679e747251a699da19c01" ON "client_appeal"  ("site_id", "status", "created_at") `);
    await q.query(`CREATE TABLE "client_attachment" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "appeal_id" uuid NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_client_attachment_size" CHECK (size_bytes > 0 AND size_bytes <= 131072 AND octet_length(content) = size_bytes), CONSTRAINT "PK_6550957fca451103aafff3a5b18" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_eb651443ade7342f4fcf6f760b" ON "client_attachment"  ("appeal_id") `);
    await q.query(`CREATE TABLE "commission_entry" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "agent_id" uuid, "report_id" uuid, "status" text NOT NULL, "stage" text, "amount_fen" bigint NOT NULL DEFAULT '0', "due_at_stage" text NOT NULL, "policy_version" integer NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "forfeited_at" TIMESTAMP WITH TIME ZONE, "forfeit_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_commission_entry_values" CHECK (amount_fen >= 0 AND status IN ('pending', 'due', 'forfeited') AND (stage IS NULL OR stage IN ('subscription', 'contract', 'down_payment'))), CONSTRAINT "PK_751d30b4bba04cd95e629ddf79d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_2831408a983fdc26bb00e44561" ON "commission_entry"  ("agency_id", "site_id", "created_at") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_e10e823c7e5be37ed40eae0cc2" ON "commission_entry"  ("site_id", "customer_id") `);
    await q.query(`ALTER TABLE "client_dispute" ADD CONSTRAINT "FK_148d1dcba35ba2546d4c4ebe2ab" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_dispute" ADD CONSTRAINT "FK_a0fb076b2ba8fea85d8202bb970" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_dispute" ADD CONSTRAINT "FK_bf5871ad0ee70f17fb18275dd37" FOREIGN KEY ("claimant_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_appeal" ADD CONSTRAINT "FK_d0ec59459bae113f830038e48c8" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_appeal" ADD CONSTRAINT "FK_bd7eb679d8bdf0888e0f7c7b915" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_appeal" ADD CONSTRAINT "FK_19ca6743faaf819a8900a9123da" FOREIGN KEY ("dispute_id") REFERENCES "client_dispute"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_appeal" ADD CONSTRAINT "FK_554a239d9ad4ab14c1ba520d795" FOREIGN KEY ("report_id") REFERENCES "partner_report"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_appeal" ADD CONSTRAINT "FK_6347fe41f9f380e8f5aec75d561" FOREIGN KEY ("appellant_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_attachment" ADD CONSTRAINT "FK_2a7deacb68d0e1834ec84d678ae" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "client_attachment" ADD CONSTRAINT "FK_eb651443ade7342f4fcf6f760b8" FOREIGN KEY ("appeal_id") REFERENCES "client_appeal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "commission_entry" ADD CONSTRAINT "FK_7aabaf72f7ca0b3bcbf3fca02d7" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "commission_entry" ADD CONSTRAINT "FK_8b03f1bdf04780ca72f45843772" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "commission_entry" ADD CONSTRAINT "FK_f874c9c754b269b0ce512d15dd7" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['commission_entry', 'client_attachment', 'client_appeal', 'client_dispute']) await q.query(`DROP TABLE "${t}"`);
  }
}
