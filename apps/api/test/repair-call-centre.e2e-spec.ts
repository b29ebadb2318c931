import { PRESETS } from '@sitedesk/domain';
import { isProblem, startTestApp, type TestApp } from './support/test-app.js';

/**
 * RO-11: in the heating season the call centre answers around the clock, on the Attendance module's
 * published rota (overnight shifts included); the day's gaps are shown to the people who plan it.
 */
describe('RO-11 the call centre around the clock (rota from Attendance)', () => {
  let t: TestApp;
  let siteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const day = async (date: string, who = 'supervisor') => t.http().get(`/api/v1/repair-tickets/call-centre?siteId=${siteId}&date=${date}`).set(await as(who));

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales'); // a property-management repair policy: heating season 11-15 .. 03-15
    const put = await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId, effectiveFrom: '2027-01-01', policy: PRESETS['call-centre'] });
    expect(put.status).toBe(200);
    const entries = [
      // The agent's night shift of the 12th runs into the 13th's morning; the early shift follows.
      { userId: await t.ids.user('cs_agent'), date: '2027-01-12', shiftCode: 'night' },
      { userId: await t.ids.user('cs_agent'), date: '2027-01-13', shiftCode: 'early' },
      // A consultant on the night shift does not answer the call centre's phone.
      { userId: await t.ids.user('consultant'), date: '2027-01-13', shiftCode: 'night' },
      // A week that is not published yet does not count.
      { userId: await t.ids.user('cs_agent'), date: '2027-01-20', shiftCode: 'early' },
    ];
    const rota = await t.http().put('/api/v1/attendance/rota').set(await as('clerk')).send({ siteId, entries });
    expect(rota.status).toBe(200);
    await t.db.query(`INSERT INTO rota_publication (site_id, week_start, published_by) VALUES ($1, '2027-01-11', $2)`, [siteId, await t.ids.user('clerk')]);
  });
  afterAll(() => t.close());

  it('RO-11: the night shift of the day before covers the morning, the early shift the day; 20:00–24:00 is a gap', async () => {
    const res = await day('2027-01-13');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ heatingSeason: { from: '11-15', to: '03-15' }, roundTheClock: true });
    expect(res.body.windows).toEqual([
      // One stretch: the same person from the night shift's morning through the early shift.
      { from: '00:00', to: '20:00', people: [{ userId: await t.ids.user('cs_agent'), displayName: '郑客服' }] },
      { from: '20:00', to: '24:00', people: [] },
    ]);
    expect(res.body.gaps).toEqual([{ from: '20:00', to: '24:00' }]);
  });

  it('RO-11: an unpublished week counts as nobody; outside the heating season nothing is a gap', async () => {
    expect((await day('2027-01-20', 'cs_agent')).body.gaps).toEqual([{ from: '00:00', to: '24:00' }]);
    const summer = await day('2027-07-14');
    expect(summer.body).toMatchObject({ roundTheClock: false, gaps: [] });
    // A car service centre has no heating season.
    const service = await t.http().get(`/api/v1/repair-tickets/call-centre?siteId=${await t.ids.site('demo-service')}&date=2027-01-13`).set(await as('cs_agent'));
    expect(service.body).toMatchObject({ heatingSeason: null, roundTheClock: false, gaps: [] });
  });

  it('GEN-7: a consultant is refused (403), another site is not found (404), a bad date is a 400 problem', async () => {
    const consultant = await day('2027-01-13', 'consultant');
    expect([consultant.status, isProblem(consultant)]).toEqual([403, true]);
    const other = await t.http().get(`/api/v1/repair-tickets/call-centre?siteId=${await t.ids.site('demo-service')}&date=2027-01-13`).set(await as('supervisor'));
    expect(other.status).toBe(404);
    const bad = await t.http().get(`/api/v1/repair-tickets/call-centre?siteId=${siteId}&date=2027-13-01`).set(await as('supervisor'));
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
