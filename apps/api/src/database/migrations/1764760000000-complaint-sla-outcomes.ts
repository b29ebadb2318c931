import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CMP-8 statistics, issue #6's organization-year:
 * - each complaint keeps the outcome of its stopped SLA clocks per kind (`settledOutcomes`: `false` if
 *   one was breached, `true` if some stopped and all met), so that the statistics no longer join every
 *   clock of the period (≈180,000 for 20 site-years); only the clocks still running are read at the
 *   request, found by the partial index on `met IS NULL`;
 * - and whether it is upheld (the domain's `upheld`), instead of reading three jsonb columns;
 * - the (site_id, received_at) index INCLUDEs every column the statistics read, so that a period is an
 *   index-only scan (≈30 MB for 200,000 complaints instead of the ≈250 MB heap of their texts and jsonb).
 * Backfilled in SQL: the outcomes from the clocks' stored `met` (migration 1764700000000), upheld with
 * the expression the statistics used before.
 */
export class ComplaintSlaOutcomes1764760000000 implements MigrationInterface {
  name = 'ComplaintSlaOutcomes1764760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint" ADD "settled_first_response_met" boolean`);
    await q.query(`ALTER TABLE "complaint" ADD "settled_promised_reply_met" boolean`);
    await q.query(`ALTER TABLE "complaint" ADD "settled_resolution_met" boolean`);
    await q.query(`ALTER TABLE "complaint" ADD "upheld" boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX "IDX_complaint_sla_clock_running" ON "complaint_sla_clock" ("site_id", "complaint_id") WHERE met IS NULL`);
    await backfillOutcomes(q);
    await q.query(`DROP INDEX "public"."IDX_7fb8af31711f7a534012534d8a"`);
    await q.query(`CREATE INDEX "IDX_complaint_site_received" ON "complaint" ("site_id", "received_at") INCLUDE (${COVERED.join(', ')})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_complaint_site_received"`);
    await q.query(`CREATE INDEX "IDX_7fb8af31711f7a534012534d8a" ON "complaint" ("site_id", "received_at")`);
    await q.query(`DROP INDEX "public"."IDX_complaint_sla_clock_running"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "upheld"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "settled_resolution_met"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "settled_promised_reply_met"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "settled_first_response_met"`);
  }
}

/** What the statistics read of a complaint besides the key (statistics.service.ts, `FACTS` and `callsSql` with `rollup`). */
const COVERED = ['id', 'state', 'channel', 'kind', 'validity', 'category', 'department', 'important_customer', 'first_response_minutes', 'resolution_minutes', 'settled_first_response_met', 'settled_promised_reply_met', 'settled_resolution_met', 'upheld'];

const outcome = (kind: string) =>
  `CASE WHEN bool_or(NOT met) FILTER (WHERE kind = '${kind}') THEN false WHEN bool_and(met) FILTER (WHERE kind = '${kind}') THEN true END`;

/** Every complaint's per-kind outcome of its stopped clocks, from their stored `met` (the domain's `settledOutcomes`), and upheld (`upheld`). */
export async function backfillOutcomes(q: Pick<QueryRunner, 'query'>): Promise<void> {
  await q.query(
    `UPDATE complaint c SET upheld = true
      WHERE c.kind = 'complaint' AND c.validity = 'valid'
        AND CASE WHEN jsonb_typeof(c.investigation->'responsibleStaff') = 'array' THEN jsonb_array_length(c.investigation->'responsibleStaff') > 0 ELSE false END
        AND ((c.approval IS NOT NULL AND c.approval <> 'null'::jsonb) OR (c.resolution IS NOT NULL AND c.resolution <> 'null'::jsonb))`,
  );
  await q.query(
    `UPDATE complaint c SET settled_first_response_met = o.fr, settled_promised_reply_met = o.pr, settled_resolution_met = o.res
       FROM (SELECT complaint_id, ${outcome('first_response')} AS fr, ${outcome('promised_reply')} AS pr, ${outcome('resolution')} AS res
               FROM complaint_sla_clock WHERE met IS NOT NULL GROUP BY complaint_id) o
      WHERE c.id = o.complaint_id`,
  );
}
