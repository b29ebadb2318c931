import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CMP-8: the follow-up summary report (回访总结报告) per site and week or month: drafts and published
 * versions (frozen figures + the supervisor's causes and improvements); at most one draft per period.
 */
export class ComplaintFollowUpReports1764710000000 implements MigrationInterface {
  name = 'ComplaintFollowUpReports1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "complaint_follow_up_report" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "period" text NOT NULL, "period_kind" text NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "version" integer NOT NULL, "status" text NOT NULL, "causes" text NOT NULL DEFAULT '', "improvements" text NOT NULL DEFAULT '', "figures" jsonb, "created_by" uuid, "updated_by" uuid, "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_complaint_follow_up_report_frozen" CHECK ((status = 'published') = (figures IS NOT NULL AND published_at IS NOT NULL)), CONSTRAINT "CHK_complaint_follow_up_report_kind" CHECK (period_kind IN ('week', 'month')), CONSTRAINT "CHK_complaint_follow_up_report_status" CHECK (status IN ('draft', 'published')), CONSTRAINT "PK_45aa6ecabcbc8695d42b62dc40d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_226724e06c43ca6ec73d340fbe" ON "complaint_follow_up_report"  ("site_id", "status", "published_at") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_complaint_follow_up_report_draft" ON "complaint_follow_up_report"  ("site_id", "period") WHERE status = 'draft'`);
    await q.query(`CREATE UNIQUE INDEX "IDX_eee7076a6b70cf5a7bdd43cec1" ON "complaint_follow_up_report"  ("site_id", "period", "version") `);
    await q.query(`ALTER TABLE "complaint_follow_up_report" ADD CONSTRAINT "FK_14a75e8eba458ee533e9e312951" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "complaint_follow_up_report"`);
  }
}
