import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaint (SPEC section 4, CMP-1..CMP-10): policy versions, the complaint log, SLA clocks with their
 * stored deadlines (one per key and complaint), pauses (one open at a time), escalation steps (one
 * recorded breach per clock), the timeline, and follow-up calls (one open call per complaint).
 */
export class Complaint1764500000000 implements MigrationInterface {
  name = 'Complaint1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "complaint_policy" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL, "policy" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b3f7d3e2755cea0a42c161dcb65" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_3cdd13d3e67885bea2f2bf4d66" ON "complaint_policy"  ("site_id", "version") `);
    await q.query(`CREATE TABLE "complaint" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "state" text NOT NULL, "channel" text NOT NULL, "complainant_name" text NOT NULL, "contact" text NOT NULL, "content" text NOT NULL, "subject_type" text NOT NULL, "subject_ref" text, "customer_id" uuid, "important_customer" boolean NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_by" uuid, "owner_id" uuid, "base_level" integer NOT NULL, "severity" text NOT NULL, "kind" text, "validity" text, "category" text, "department" text, "classification" jsonb, "investigation" jsonb, "proposals" jsonb NOT NULL DEFAULT '[]', "proposed_by" uuid, "proposed_by_roles" jsonb NOT NULL DEFAULT '[]', "approval" jsonb, "resolution" jsonb, "resolved_at" TIMESTAMP WITH TIME ZONE, "rejection_reply" text, "first_responded_at" TIMESTAMP WITH TIME ZONE, "reopen_count" integer NOT NULL DEFAULT '0', "closed_at" TIMESTAMP WITH TIME ZONE, "policy_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_complaint_channel" CHECK (channel IN ('phone', 'visit', 'online', 'follow_up_call')), CONSTRAINT "CHK_complaint_state" CHECK (state IN ('received', 'triaged', 'investigating', 'proposed', 'approved', 'resolved', 'followed_up', 'closed', 'rejected', 'reopened')), CONSTRAINT "PK_a9c8dbc2ab4988edcc2ff0a7337" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_209c6ab135b7e20865659e3ec1" ON "complaint"  ("site_id", "owner_id") `);
    await q.query(`CREATE INDEX "IDX_dcde6baf2a238f1390db51ba19" ON "complaint"  ("site_id", "state") `);
    await q.query(`CREATE INDEX "IDX_7fb8af31711f7a534012534d8a" ON "complaint"  ("site_id", "received_at") `);
    await q.query(`CREATE TABLE "complaint_sla_clock" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "complaint_id" uuid NOT NULL, "key" text NOT NULL, "kind" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "target_minutes" integer, "promised_at" TIMESTAMP WITH TIME ZONE, "stopped_at" TIMESTAMP WITH TIME ZONE, "due_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a802a63acff674798794b6fbf07" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_8c8694114b7f725fcc447d79e1" ON "complaint_sla_clock"  ("due_at") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_d0756a8429937c715fa81d22c8" ON "complaint_sla_clock"  ("complaint_id", "key") `);
    await q.query(`CREATE TABLE "complaint_pause" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "complaint_id" uuid NOT NULL, "from_at" TIMESTAMP WITH TIME ZONE NOT NULL, "to_at" TIMESTAMP WITH TIME ZONE, "reason" text, CONSTRAINT "PK_c8e7a1823d2b4af90caa43c2fe8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_e4a8aa643578072a99e1835ad0" ON "complaint_pause"  ("complaint_id", "from_at") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_complaint_pause_open" ON "complaint_pause"  ("complaint_id") WHERE to_at IS NULL`);
    await q.query(`CREATE TABLE "complaint_escalation" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "complaint_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "clock_key" text, "from_level" integer NOT NULL, "to_level" integer NOT NULL, "role" text NOT NULL, "actor_id" uuid, CONSTRAINT "CHK_complaint_escalation_reason" CHECK (reason IN ('manual', 'reopen', 'breach', 'classification')), CONSTRAINT "PK_f4c172d80d43e9f0ca60948f9a9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_2da727a0d1baff31585e4c2ecd" ON "complaint_escalation"  ("complaint_id", "at") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_complaint_escalation_breach" ON "complaint_escalation"  ("complaint_id", "clock_key") WHERE reason = 'breach'`);
    await q.query(`CREATE TABLE "complaint_event" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "complaint_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "type" text NOT NULL, "actor_id" uuid, "data" jsonb NOT NULL DEFAULT '{}', "rule_ids" jsonb NOT NULL DEFAULT '[]', "policy_version" integer NOT NULL, CONSTRAINT "PK_f4117f03e71804f6f1dab349a36" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_26c1481633cf209174b881fd53" ON "complaint_event"  ("complaint_id", "at") `);
    await q.query(`CREATE TABLE "complaint_follow_up" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "complaint_id" uuid NOT NULL, "status" text NOT NULL, "planned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_by" TIMESTAMP WITH TIME ZONE NOT NULL, "assignee_role" text NOT NULL, "booked_by_customer" boolean NOT NULL DEFAULT false, "outside_window" boolean NOT NULL DEFAULT false, "done_at" TIMESTAMP WITH TIME ZONE, "called_by" uuid, "answers" jsonb, "reopened" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_complaint_follow_up_status" CHECK (status IN ('open', 'done', 'dropped')), CONSTRAINT "PK_4fb293a619a07b2c493d0c43ee9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_c543583dd48c7aa64d98700f2f" ON "complaint_follow_up"  ("site_id", "status", "planned_at") `);
    await q.query(`CREATE INDEX "IDX_b3ee2b67741a4e83fa3d57f036" ON "complaint_follow_up"  ("complaint_id", "status") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_complaint_follow_up_open" ON "complaint_follow_up"  ("complaint_id") WHERE status = 'open'`);
    await q.query(`ALTER TABLE "complaint_policy" ADD CONSTRAINT "FK_cbe1338ab50ed1e71dafb6d7c84" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_d89e907e190f4081ba1d455f890" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_d8bf9db8fb58d32cad2b95ffe61" FOREIGN KEY ("received_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint" ADD CONSTRAINT "FK_4c58e0877c047ab89a95e6d268f" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_sla_clock" ADD CONSTRAINT "FK_17513426499fc7aaaaccd2eb544" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_sla_clock" ADD CONSTRAINT "FK_9f86dd70b27681d95615d9eb37d" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_pause" ADD CONSTRAINT "FK_cce650a9950a026eaf7e87eb56d" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_pause" ADD CONSTRAINT "FK_b985ca01e5a399edc3750524eae" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_escalation" ADD CONSTRAINT "FK_9067faf570823a0ac0d43f7d8ef" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_escalation" ADD CONSTRAINT "FK_40715339a1b70c4ad06e751b43a" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_event" ADD CONSTRAINT "FK_8fe6efa7713ab0ae61c6f9b3864" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_event" ADD CONSTRAINT "FK_22fedbb2a038052aef82749e871" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_follow_up" ADD CONSTRAINT "FK_70e2d17b0ce051314f765b24e21" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "complaint_follow_up" ADD CONSTRAINT "FK_5f163129c38e770e9f75a817bff" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "complaint_follow_up"`);
    await q.query(`DROP TABLE "complaint_event"`);
    await q.query(`DROP TABLE "complaint_escalation"`);
    await q.query(`DROP TABLE "complaint_pause"`);
    await q.query(`DROP TABLE "complaint_sla_clock"`);
    await q.query(`DROP TABLE "complaint"`);
    await q.query(`DROP TABLE "complaint_policy"`);
  }
}
