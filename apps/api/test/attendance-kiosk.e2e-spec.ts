import { PRESETS, localDate } from '@sitedesk/domain';
import { shiftAroundNow } from './support/attendance.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the kiosk (打卡机): registered device, personal PIN, throttled', () => {
  let t: TestApp;
  let siteId: string;
  let token: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  beforeAll(async () => {
    t = await startTestApp();
    ({ siteId } = await shiftAroundNow(t, ['consultant', 'consultant2']));
  });
  afterAll(() => t.close());

  it('a manager registers a device; the token is shown once; consultants may not', async () => {
    expect((await t.http().post('/api/v1/attendance/kiosks').set(await as('consultant')).send({ siteId, name: 'x' })).status).toBe(403);
    const res = await t.http().post('/api/v1/attendance/kiosks').set(await as('manager')).send({ siteId, name: '前台打卡机' });
    expect(res.status).toBe(201);
    token = res.body.token;
    expect(token).toMatch(/^kio_/);
    const list = await t.http().get(`/api/v1/attendance/kiosks?siteId=${siteId}`).set(await as('manager'));
    expect(list.body[0]).not.toHaveProperty('token');
  });

  it('staff set a PIN and clock in at the kiosk; the kiosk lists who can', async () => {
    expect((await t.http().put('/api/v1/attendance/pin').set(await as('consultant')).send({ siteId, pin: '2580' })).status).toBe(204);
    expect((await t.http().put('/api/v1/attendance/pin').set(await as('consultant')).send({ siteId, pin: '12' })).status).toBe(400);
    const info = await t.http().get('/api/v1/attendance/kiosk').set('x-kiosk-token', token);
    expect(info.status).toBe(200);
    expect(info.body.staff.map((s: { displayName: string }) => s.displayName)).toEqual(['李顾问']);
    const userId = await t.ids.user('consultant');
    const punch = await t.http().post('/api/v1/attendance/kiosk/clock').set('x-kiosk-token', token).send({ userId, pin: '2580', kind: 'in' });
    expect(punch.status).toBe(201);
    expect(punch.body.source).toBe('kiosk');
    // ATT-4: the device shows where the person stands, as for a personal clock-in.
    expect(punch.body.standing).toMatchObject({ status: 'on_time', minutes: 0, ruleIds: ['ATT-4'] });
    const again = await t.http().post('/api/v1/attendance/kiosk/clock').set('x-kiosk-token', token).send({ userId, pin: '2580', kind: 'in' });
    expect([again.status, again.body.id]).toEqual([200, punch.body.id]);
  });

  it('refuses a wrong PIN (401 WRONG_PIN) and the sixth wrong PIN within 5 minutes is 429', async () => {
    const userId = await t.ids.user('consultant2');
    await t.http().put('/api/v1/attendance/pin').set(await as('consultant2')).send({ siteId, pin: '1357' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.http().post('/api/v1/attendance/kiosk/clock').set('x-kiosk-token', token).send({ userId, pin: '0000', kind: 'in' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await t.http().post('/api/v1/attendance/kiosk/clock').set('x-kiosk-token', token).send({ userId, pin: '1357', kind: 'in' })).status).toBe(429);
  });

  it('refuses unknown and revoked devices', async () => {
    expect((await t.http().get('/api/v1/attendance/kiosk').set('x-kiosk-token', 'kio_nope')).status).toBe(401);
    const device = (await t.http().get(`/api/v1/attendance/kiosks?siteId=${siteId}`).set(await as('manager'))).body[0];
    expect((await t.http().post(`/api/v1/attendance/kiosks/${device.id}/revoke`).set(await as('manager'))).status).toBe(200);
    expect((await t.http().get('/api/v1/attendance/kiosk').set('x-kiosk-token', token)).status).toBe(401);
  });

  it('a site may limit personal clock-in to the kiosk or to its networks', async () => {
    const today = localDate(new Date(), 'Asia/Shanghai');
    const versions = (await t.http().get(`/api/v1/attendance/policy?siteId=${siteId}`).set(await as('manager'))).body;
    const current = versions[versions.length - 1].policy;
    await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId, effectiveFrom: today, policy: { ...current, clockIn: { personal: 'kiosk_only', networks: [] } } });
    const kioskOnly = await t.http().post('/api/v1/attendance/clock-in').set(await as('consultant2')).send({ siteId });
    expect([kioskOnly.status, kioskOnly.body.code]).toEqual([403, 'CLOCK_IN_KIOSK_ONLY']);
    await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId, effectiveFrom: today, policy: { ...current, clockIn: { personal: 'networks', networks: ['10.9.0.0/16'] } } });
    const outside = await t.http().post('/api/v1/attendance/clock-in').set(await as('consultant2')).send({ siteId });
    expect([outside.status, outside.body.code]).toEqual([403, 'CLOCK_IN_OUTSIDE_NETWORK']);
    await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId, effectiveFrom: today, policy: { ...current, clockIn: { personal: 'networks', networks: ['127.0.0.0/8', '::1/128'] } } });
    expect((await t.http().post('/api/v1/attendance/clock-in').set(await as('consultant2')).send({ siteId })).status).toBe(201);
    const invalid = await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId, effectiveFrom: today, policy: { ...PRESETS['case-site'], clockIn: { personal: 'networks', networks: [] } } });
    expect(invalid.status).toBe(400);
  });

  it('a policy version written by another replica governs the very next clock-in (the kept versions are checked in the clock-in statement)', async () => {
    const today = localDate(new Date(), 'Asia/Shanghai');
    const clockIn = async () => t.http().post('/api/v1/attendance/clock-in').set(await as('consultant2')).send({ siteId });
    expect((await clockIn()).status).toBe(200); // the versions are now kept by this process
    const [{ policy: current }] = await t.db.query(`SELECT policy FROM attendance_policy WHERE site_id = $1 ORDER BY version DESC LIMIT 1`, [siteId]);
    // Not through this process's API: as another replica (or a script) would write it.
    const publish = (clockInRule: object) =>
      t.db.query(`INSERT INTO attendance_policy (site_id, version, effective_from, policy) SELECT $1, max(version) + 1, $2, $3::jsonb FROM attendance_policy WHERE site_id = $1`, [
        siteId,
        today,
        JSON.stringify({ ...current, clockIn: clockInRule }),
      ]);
    await publish({ personal: 'kiosk_only', networks: [] });
    const refused = await clockIn();
    expect([refused.status, refused.body.code]).toEqual([403, 'CLOCK_IN_KIOSK_ONLY']);
    await publish({ personal: 'anywhere', networks: [] });
    expect((await clockIn()).status).toBe(200);
  });
});
