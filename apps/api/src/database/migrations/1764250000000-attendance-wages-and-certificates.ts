import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ATT-12: the per-person wage the pay deductions need (monthly and/or daily, in fen), one row per
 * person and site, kept by the manager. A wage is positive; at least one of the two is set.
 * ATT-8: when a person handed in the medical certificate of a sick report (waiting for the clerk to
 * confirm it), with their note.
 */
export class AttendanceWagesAndCertificates1764250000000 implements MigrationInterface {
  name = 'AttendanceWagesAndCertificates1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "attendance_wage" ("site_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "monthly_fen" bigint, "daily_fen" bigint, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_attendance_wage_values" CHECK ((monthly_fen IS NOT NULL OR daily_fen IS NOT NULL) AND (monthly_fen IS NULL OR monthly_fen > 0) AND (daily_fen IS NULL OR daily_fen > 0)), CONSTRAINT "PK_6a150084f8c14bdd5fed5d6f021" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_16672bda5aa36212bec88a1ca9" ON "attendance_wage"  ("site_id", "user_id") `);
    await q.query(`ALTER TABLE "attendance_wage" ADD CONSTRAINT "FK_3fc3134dccd24d2702dcbdfd110" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "attendance_wage" ADD CONSTRAINT "FK_8de98c9f822591bcaf696e63deb" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "leave_request" ADD "certificate_submitted_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "leave_request" ADD "certificate_note" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leave_request" DROP COLUMN "certificate_note"`);
    await q.query(`ALTER TABLE "leave_request" DROP COLUMN "certificate_submitted_at"`);
    await q.query(`DROP TABLE "attendance_wage"`);
  }
}
