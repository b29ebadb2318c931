// POST /api/v1/attendance/clock-in again, by people already clocked in for their shift: the API answers
// the first punch with 200 (the unique index refuses the second; nothing is written). The same people,
// tokens and data as `clock-in`; each of them clocks in once during the setup, then the requests go
// round them for the measurement's duration.
import { fileURLToPath } from 'node:url';
import { ATTENDANCE_VOLUMES } from '../lib/attendance.mjs';
import { clockInLoad } from './clock-in.mjs';

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'clock-in-repeat',
  title: 'POST /api/v1/attendance/clock-in, repeated: people already clocked in get their first punch again (200)',
  data: ATTENDANCE_VOLUMES,
  baseline: fileURLToPath(new URL('../baselines/clock-in-raw.mjs', import.meta.url)),

  async setup(ctx) {
    const { requests, note } = await clockInLoad(ctx);
    // Everyone's first clock-in, through the API, eight at a time.
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < requests.length) {
        const r = requests[next++];
        const res = await fetch(ctx.app.url + r.path, { method: r.method, headers: r.headers, body: r.body, signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (res.status !== 201 && res.status !== 200) throw new Error(`first clock-in answered ${res.status}`);
      }
    }));
    return { requests, note: `${note}; all clocked in already` };
  },
};
