import { localDate, PRESETS } from '@sitedesk/domain';
import { signIn, startConsole, type ConsoleHarness } from './support/console.js';

const TZ = 'Asia/Shanghai';

/** RO-11: the ticket desk shows today's call-centre duty from the rota and the hours nobody covers in the heating season. */
describe('call-centre duty on the ticket desk', () => {
  let h: ConsoleHarness;
  beforeAll(async () => (h = await startConsole()));
  afterAll(() => h?.close());

  it('RO-11: with no rota the whole heating-season day is a gap; an agent on the early shift leaves the night uncovered (a supervisor on nights does not count)', async () => {
    const siteId = await h.app.ids.site('demo-sales');
    const today = localDate(new Date(), TZ);
    const heating = ['11-15', '03-15'];
    const md = today.slice(5);
    // The demo sales office's repair policy has the northern heating season (11-15 .. 03-15); out of it the card says so.
    const inSeason = md >= heating[0] || md <= heating[1];

    const agent = await h.newPage();
    await signIn(agent, 'cs_agent');
    await agent.goto('/repair-orders/tickets');
    const duty = agent.getByTestId('call-centre-duty');
    await duty.waitFor();
    if (!inSeason) {
      await duty.getByText('非供暖期', { exact: false }).waitFor();
      return;
    }
    await duty.getByTestId('call-centre-gaps').getByText('00:00–24:00', { exact: false }).waitFor();

    const as = async (who: string) => ({ authorization: `Bearer ${await h.app.token(who)}` });
    const put = await h.app.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId, effectiveFrom: today, policy: PRESETS['call-centre'] });
    expect(put.status).toBe(200);
    const agentId = await h.app.ids.user('cs_agent');
    const other = await h.app.ids.user('supervisor');
    const entries = [
      { userId: agentId, date: today, shiftCode: 'early' },
      { userId: other, date: today, shiftCode: 'night' },
    ];
    expect((await h.app.http().put('/api/v1/attendance/rota').set(await as('clerk')).send({ siteId, entries })).status).toBe(200);
    await h.app.db.query(`INSERT INTO rota_publication (site_id, week_start, published_by) VALUES ($1, date_trunc('week', $2::date)::date, $3) ON CONFLICT DO NOTHING`, [siteId, today, await h.app.ids.user('clerk')]);
    // The agent's early shift covers the day; the supervisor is not a call-centre agent, so the night stays uncovered.
    await agent.reload();
    const gaps = duty.getByTestId('call-centre-gaps');
    await gaps.getByText('00:00–08:00，20:00–24:00', { exact: false }).waitFor();
    expect(await gaps.innerText()).not.toContain('00:00–24:00');
  });
});
