import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RO-12 statistics on columns (issue #7): the vehicle type and the settlement (`settled_at`, `due_fen`,
 * `paid_fen`) promoted from `repair_order.data`, backfilled here and from now on written by the same
 * statement that writes `data`; a partial index `(site_id, settled_at)` over the settled orders makes a
 * period an index range instead of a scan of the site's whole history.
 */
export class RepairOrderSettlementColumns1764720000000 implements MigrationInterface {
  name = 'RepairOrderSettlementColumns1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "repair_order" ADD "vehicle_type" text`);
    await q.query(`ALTER TABLE "repair_order" ADD "settled_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "repair_order" ADD "due_fen" bigint`);
    await q.query(`ALTER TABLE "repair_order" ADD "paid_fen" bigint`);
    await q.query(
      `UPDATE "repair_order" SET
         "vehicle_type" = data->'vehicle'->>'type',
         "settled_at" = CASE WHEN jsonb_typeof(data->'settlement') = 'object' THEN (data->'settlement'->>'at')::timestamptz END,
         "due_fen" = CASE WHEN jsonb_typeof(data->'settlement') = 'object' THEN (data->'settlement'->>'dueFen')::bigint END,
         "paid_fen" = CASE WHEN jsonb_typeof(data->'settlement') = 'object' THEN (data->'settlement'->>'paidFen')::bigint END`,
    );
    await q.query(`ALTER TABLE "repair_order" ALTER COLUMN "vehicle_type" SET NOT NULL`);
    await q.query(`CREATE INDEX "IDX_repair_order_settled" ON "repair_order"  ("site_id", "settled_at") WHERE settled_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_repair_order_settled"`);
    await q.query(`ALTER TABLE "repair_order" DROP COLUMN "paid_fen"`);
    await q.query(`ALTER TABLE "repair_order" DROP COLUMN "due_fen"`);
    await q.query(`ALTER TABLE "repair_order" DROP COLUMN "settled_at"`);
    await q.query(`ALTER TABLE "repair_order" DROP COLUMN "vehicle_type"`);
  }
}
