// POST /api/v1/service-appointments (RES-9/RES-10): service advisors book appointments into counted slots
// (`service_slot`: one row per site and start, `UPDATE … SET booked = booked + 1 WHERE booked < capacity`,
// CHECK booked <= capacity), on the reservation bench site (bench/lib/reservation-data.mjs: its policy has
// 40 bays per 60-minute slot, 08:30–17:30).
//
// Every booking needs its own form number (unique per site), so the load is a fixed number of requests,
// 2,000, each a different booking, by 8 advisors, at 64 connections. Request i books day 2 + (i mod 10)
// from today (site time) at slot ⌊i / 10⌋ mod 9: 90 slots, about 22 bookings each, under the 40 bays, so
// every answer is 201 and about 64 / 10 bookings in flight share a slot row at any moment. One booking in
// five has high-value parts (¥3,000 ≥ the ¥2,000 threshold) with the 50 % deposit and its receipt (RES-9).
// Each booking writes the appointment, its workshop-notice and reminder jobs, its audit event and a live
// event (pg_notify). `reset` deletes the site's appointments, slots and those jobs (the audit events stay),
// so that each phase books the same slots from empty. After each phase the database is read: the
// appointments per slot never exceed the slot's capacity and equal its counter (the note line).
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD } from '../generate.mjs';
import { reservationData } from '../lib/reservation-data.mjs';

const REQUESTS = 2000;
const DAYS = 10;
const JOBS = ['reservation.workshop_notice', 'reservation.appointment_reminder'];

/** YYYY-MM-DD of `now` + `days` in Asia/Shanghai. */
const shanghaiDate = (days) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** @type {{ phases: string[] }} */
const state = { phases: [], last: null };

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'service-booking',
  title: 'POST /api/v1/service-appointments: 2,000 bookings into 90 counted slots (40 bays each), 64 connections',
  data: {},
  baseline: fileURLToPath(new URL('../baselines/service-booking-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const res = await reservationData(db, data, (m) => console.error(`[bench]   ${m}`));
    const site = res.siteId;
    const { slotMinutes, dayStart } = res.policy;
    const [h, m] = dayStart.split(':').map(Number);
    const slots = Array.from({ length: 9 }, (_, k) => { const t = h * 60 + m + k * slotMinutes; return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`; });
    const clear = async () => {
      await db.query('DELETE FROM service_appointment WHERE site_id = $1', [site]);
      await db.query('DELETE FROM service_slot WHERE site_id = $1', [site]);
      await db.query('DELETE FROM job WHERE site_id = $1 AND name = ANY($2)', [site, JOBS]);
      await db.query('VACUUM (ANALYZE) service_appointment, service_slot, job');
    };
    await clear();
    const tokens = await app.logins(res.logins.advisor, BENCH_PASSWORD);
    const requests = Array.from({ length: REQUESTS }, (_, i) => {
      const parts = i % 5 === 0;
      return {
        method: 'POST',
        path: '/api/v1/service-appointments',
        headers: { authorization: `Bearer ${tokens[i % tokens.length]}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          siteId: site,
          date: shanghaiDate(2 + (i % DAYS)),
          time: slots[Math.floor(i / DAYS) % slots.length],
          customerName: `客户${i}`,
          customerPhone: `138${String(60_000_000 + i).padStart(8, '0')}`,
          vehiclePlate: `沪A${String(10_000 + i).padStart(5, '0')}`,
          vehicleModel: i % 3 ? '帕萨特 2.0T' : undefined,
          work: parts ? '更换刹车盘与刹车片' : '常规保养 机油机滤',
          partsFen: parts ? 300_000 : 0,
          depositFen: parts ? 150_000 : 0,
          ...(parts ? { depositReceiptNo: `SK-${i}` } : {}),
          formNo: `YY-BENCH-${String(i).padStart(5, '0')}`,
          signedBy: `客户${i}`,
        }),
      };
    });
    const read = async () => {
      const { rows: [r] } = await db.query(
        `SELECT (SELECT count(*) FROM service_appointment WHERE site_id = $1 AND status = 'booked')::int AS booked,
                (SELECT count(*) FROM service_slot WHERE site_id = $1)::int AS slots,
                (SELECT count(*) FROM service_slot s WHERE s.site_id = $1 AND (s.booked > s.capacity
                   OR s.booked <> (SELECT count(*) FROM service_appointment a WHERE a.slot_id = s.id AND a.status = 'booked')))::int AS wrong,
                (SELECT max(booked) FROM service_slot WHERE site_id = $1)::int AS fullest`,
        [site],
      );
      return `${r.booked} appointments in ${r.slots} slots (fullest ${r.fullest ?? 0}/${res.policy.bays}), ${r.wrong} slots over capacity or miscounted${r.wrong ? ' — VIOLATION' : ''}`;
    };
    const poll = setInterval(() => {
      read().then((s) => { state.last = s; }, () => {});
    }, 1000);
    poll.unref();
    let phase = 0;
    // Phases: the probe, then per round the API's warm-up and measurement, the baseline's warm-up and measurement.
    const name = (k) => (k === 0 ? 'probe' : `${['api warm-up', 'api measurement', 'raw warm-up', 'raw measurement'][(k - 1) % 4]}${k > 4 ? ` (round ${Math.floor((k - 1) / 4) + 1})` : ''}`);
    return {
      requests,
      amount: REQUESTS,
      probe: { app: requests[0], baseline: requests[1] },
      async reset() {
        state.phases.push(`${name(phase)}: ${await read()}`);
        phase++;
        await clear();
        state.last = null;
      },
      get note() {
        const last = state.last ? [`${name(phase)}: ${state.last}`] : [];
        return `${REQUESTS} bookings over ${DAYS} days × ${slots.length} slots (${res.policy.bays} bays), 8 advisors, 1 in 5 with a deposit; the database after each phase: ${[...state.phases, ...last].join('; ')}`;
      },
    };
  },

  compare(api, raw) {
    if (api.status !== 201 || raw.status !== 201) return `status ${api.status} from the API, ${raw.status} from the baseline (both should be 201): ${api.body.slice(0, 300)} | ${raw.body.slice(0, 300)}`;
    const keys = (s) => Object.keys(JSON.parse(s)).sort().join(',');
    return keys(api.body) === keys(raw.body) ? null : `the answers differ in shape:\n  API      ${api.body.slice(0, 600)}\n  baseline ${raw.body.slice(0, 600)}`;
  },
};
