import { businessCalendar, settledClock, settledMinutes, type BusinessCalendar, type ComplaintPolicy, type SlaClockKind, type SlaPause } from '@sitedesk/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { defaultComplaintPolicy } from '../../modules/complaint/policy.service.js';

const BATCH = 2_000;

/**
 * CMP-8 statistics on stored facts (issue #6): what the statistics count is written once it is fixed —
 * a clock's business minutes and whether it met its target when it stops (`complaint_sla_clock.elapsed_minutes`,
 * `met`), the business minutes to the first response and to the resolution on the complaint — so that
 * the tables are GROUP BYs in PostgreSQL. Existing rows are backfilled here with the domain's own
 * functions (`settledClock`, `settledMinutes`: the business calendar is not expressible in SQL), in
 * batches. Indexes: the inbox's `breached` filter by site over the clocks that have a deadline.
 */
export class ComplaintStatistics1764700000000 implements MigrationInterface {
  name = 'ComplaintStatistics1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "complaint" ADD "first_response_minutes" double precision`);
    await q.query(`ALTER TABLE "complaint" ADD "resolution_minutes" double precision`);
    await q.query(`ALTER TABLE "complaint_sla_clock" ADD "elapsed_minutes" double precision`);
    await q.query(`ALTER TABLE "complaint_sla_clock" ADD "met" boolean`);
    await q.query(`ALTER TABLE "complaint_sla_clock" ADD CONSTRAINT "CHK_complaint_sla_clock_settled" CHECK (met IS NULL OR stopped_at IS NOT NULL)`);
    await q.query(`CREATE INDEX "IDX_complaint_sla_clock_site_due" ON "complaint_sla_clock" ("site_id", "due_at") WHERE due_at IS NOT NULL`);
    await backfill(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_complaint_sla_clock_site_due"`);
    await q.query(`ALTER TABLE "complaint_sla_clock" DROP CONSTRAINT "CHK_complaint_sla_clock_settled"`);
    await q.query(`ALTER TABLE "complaint_sla_clock" DROP COLUMN "met"`);
    await q.query(`ALTER TABLE "complaint_sla_clock" DROP COLUMN "elapsed_minutes"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "resolution_minutes"`);
    await q.query(`ALTER TABLE "complaint" DROP COLUMN "first_response_minutes"`);
  }
}

interface Row {
  id: string;
  site_id: string;
  policy_version: number;
  received_at: Date;
  first_responded_at: Date | null;
  resolution_at: string | null;
}

/** Computes the stored facts of every complaint already on record, batch by batch (keyset on id). */
export async function backfill(q: Pick<QueryRunner, 'query'>): Promise<void> {
  const calendars = new Map<string, BusinessCalendar>();
  const calendar = async (siteId: string, version: number) => {
    const key = `${siteId}:${version}`;
    let cal = calendars.get(key);
    if (!cal) {
      const [site]: { kind: string; time_zone: string }[] = await q.query(`SELECT kind, time_zone FROM site WHERE id = $1`, [siteId]);
      const [row]: { policy: ComplaintPolicy }[] = await q.query(`SELECT policy FROM complaint_policy WHERE site_id = $1 AND version = $2`, [siteId, version]);
      const policy = row?.policy ?? defaultComplaintPolicy({ kind: site.kind as never });
      cal = businessCalendar(policy, site.time_zone);
      calendars.set(key, cal);
    }
    return cal;
  };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Row[] = await q.query(
      `SELECT id, site_id, policy_version, received_at, first_responded_at, resolution->>'at' AS resolution_at
         FROM complaint WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    const ids = rows.map((r) => r.id);
    const clocks: { id: string; complaint_id: string; key: string; kind: SlaClockKind; started_at: Date; target_minutes: number | null; promised_at: Date | null; stopped_at: Date }[] = await q.query(
      `SELECT id, complaint_id, key, kind, started_at, target_minutes, promised_at, stopped_at FROM complaint_sla_clock WHERE complaint_id = ANY($1::uuid[]) AND stopped_at IS NOT NULL`,
      [ids],
    );
    const pauseRows: { complaint_id: string; from_at: Date; to_at: Date | null }[] = await q.query(
      `SELECT complaint_id, from_at, to_at FROM complaint_pause WHERE complaint_id = ANY($1::uuid[]) ORDER BY from_at`,
      [ids],
    );
    const pauses = new Map<string, SlaPause[]>();
    for (const p of pauseRows) pauses.set(p.complaint_id, [...(pauses.get(p.complaint_id) ?? []), { from: p.from_at, to: p.to_at }]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const c: { id: string[]; fr: (number | null)[]; res: (number | null)[] } = { id: [], fr: [], res: [] };
    for (const r of rows) {
      if (!r.first_responded_at && !r.resolution_at) continue;
      const m = settledMinutes({ receivedAt: r.received_at, firstRespondedAt: r.first_responded_at, resolution: r.resolution_at ? { at: new Date(r.resolution_at) } : null, pauses: pauses.get(r.id) ?? [] }, await calendar(r.site_id, r.policy_version));
      c.id.push(r.id);
      c.fr.push(m.firstResponseMinutes);
      c.res.push(m.resolutionMinutes);
    }
    if (c.id.length) {
      await q.query(
        `UPDATE complaint SET first_response_minutes = v.fr, resolution_minutes = v.res
           FROM unnest($1::uuid[], $2::float8[], $3::float8[]) AS v(id, fr, res) WHERE complaint.id = v.id`,
        [c.id, c.fr, c.res],
      );
    }
    const k: { id: string[]; elapsed: number[]; met: boolean[] } = { id: [], elapsed: [], met: [] };
    for (const x of clocks) {
      const r = byId.get(x.complaint_id)!;
      const s = settledClock(
        { key: x.key, kind: x.kind, startedAt: x.started_at, targetMinutes: x.target_minutes, promisedAt: x.promised_at, stoppedAt: x.stopped_at },
        await calendar(r.site_id, r.policy_version),
        pauses.get(r.id) ?? [],
      )!;
      k.id.push(x.id);
      k.elapsed.push(s.elapsedMinutes);
      k.met.push(s.met);
    }
    if (k.id.length) {
      await q.query(
        `UPDATE complaint_sla_clock SET elapsed_minutes = v.elapsed, met = v.met
           FROM unnest($1::uuid[], $2::float8[], $3::boolean[]) AS v(id, elapsed, met) WHERE complaint_sla_clock.id = v.id`,
        [k.id, k.elapsed, k.met],
      );
    }
  }
}
