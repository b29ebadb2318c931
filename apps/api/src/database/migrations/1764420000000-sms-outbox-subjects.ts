import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The SMS outbox serves every module: a message may be about something other than a sales customer (RES-9 reminders). */
export class SmsOutboxSubjects1764420000000 implements MigrationInterface {
  name = 'SmsOutboxSubjects1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sms_message" ADD "subject_ref" text`);
    await q.query(`ALTER TABLE "sms_message" ALTER COLUMN "customer_id" DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "sms_message" WHERE "customer_id" IS NULL`);
    await q.query(`ALTER TABLE "sms_message" ALTER COLUMN "customer_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "sms_message" DROP COLUMN "subject_ref"`);
  }
}
