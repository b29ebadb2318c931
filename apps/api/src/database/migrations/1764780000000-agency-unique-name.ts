import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One agency per name in an organization, regardless of case and surrounding spaces: two "North
 * Channel" rows would split one agency's reports, first-report claims (CA-7) and commissions. Names
 * registered twice before this migration keep their first row; later ones get " (2)", " (3)" … so
 * that nothing is lost and the admin can tell them apart.
 */
export class AgencyUniqueName1764780000000 implements MigrationInterface {
  name = 'AgencyUniqueName1764780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "agency" SET "name" = btrim("name") WHERE "name" <> btrim("name")`);
    await q.query(
      `UPDATE "agency" a SET "name" = a."name" || ' (' || d.n || ')'
         FROM (SELECT id, row_number() OVER (PARTITION BY organization_id, lower(name) ORDER BY created_at, id) AS n FROM "agency") d
        WHERE d.id = a.id AND d.n > 1`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_agency_organization_name" ON "agency" ("organization_id", lower("name"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."UQ_agency_organization_name"`);
  }
}
