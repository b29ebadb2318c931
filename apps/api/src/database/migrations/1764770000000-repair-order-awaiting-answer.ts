import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The advisor's desk (issue #7, RO-7/RO-9): whether an order waits for an answer — an additional line
 * without the customer's yes or no, or a discount not yet decided (the domain's `awaitingAnswer`) —
 * promoted from `repair_order.data` like the settlement columns, written with `data` from now on and
 * backfilled here; a partial index finds a site's few waiting orders without reading its open ones.
 */
export class RepairOrderAwaitingAnswer1764770000000 implements MigrationInterface {
  name = 'RepairOrderAwaitingAnswer1764770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "repair_order" ADD "awaiting_answer" boolean NOT NULL DEFAULT false`);
    await backfillAwaitingAnswer(q);
    await q.query(`CREATE INDEX "IDX_repair_order_awaiting" ON "repair_order" ("site_id", "opened_at") WHERE awaiting_answer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_repair_order_awaiting"`);
    await q.query(`ALTER TABLE "repair_order" DROP COLUMN "awaiting_answer"`);
  }
}

/** Every order's flag from its `data`, as the domain's `awaitingAnswer` decides it. */
export async function backfillAwaitingAnswer(q: Pick<QueryRunner, 'query'>): Promise<void> {
  await q.query(
    `UPDATE "repair_order" SET "awaiting_answer" = true
      WHERE (jsonb_typeof(data->'additional') = 'array'
             AND EXISTS (SELECT 1 FROM jsonb_array_elements(data->'additional') a WHERE jsonb_typeof(a->'consent') IS DISTINCT FROM 'object'))
         OR (jsonb_typeof(data->'discount') = 'object' AND jsonb_typeof(data->'discount'->'decision') IS DISTINCT FROM 'object')`,
  );
}
