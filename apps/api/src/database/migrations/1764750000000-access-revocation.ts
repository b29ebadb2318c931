import type { MigrationInterface, QueryRunner } from 'typeorm';

/** GEN-7: the moment a user's earlier access tokens stopped counting (disabled, or a role revoked). */
export class AccessRevocation1764750000000 implements MigrationInterface {
  name = 'AccessRevocation1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ADD "access_revoked_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "access_revoked_at"`);
  }
}
