import ExcelJS from 'exceljs';
import { localDate, weekOf, zonedTime } from '@sitedesk/domain';
import { readBinary, startTestApp, type TestApp } from './support/test-app.js';

const TZ = 'Asia/Shanghai';

/** The month before the current one, and its first five weekdays. */
function previousMonth() {
  const now = new Date(localDate(new Date(), TZ) + 'T00:00:00Z');
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const month = d.toISOString().slice(0, 7);
  const days: string[] = [];
  for (let i = 1; days.length < 5; i++) {
    const date = `${month}-${String(i).padStart(2, '0')}`;
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (wd >= 1 && wd <= 5) days.push(date);
  }
  return { month, days };
}

describe('ATT-14 monthly report, submission and revision', () => {
  let t: TestApp;
  let siteId: string;
  let consultant: string;
  const { month, days } = previousMonth();
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    consultant = await t.ids.user('consultant');
    const clerk = await t.ids.user('clerk');
    // Fixture of a past month, written directly: a published rota on the case-site preset (policy v1) and the punches.
    await t.http().get(`/api/v1/attendance/policy?siteId=${siteId}`).set(await as('clerk'));
    for (const date of days) {
      await t.db.query(`INSERT INTO schedule_entry (site_id, user_id, date, shift_code, updated_by) VALUES ($1, $2, $3, 'day', $4)`, [siteId, consultant, date, clerk]);
      await t.db.query(`INSERT INTO rota_publication (site_id, week_start, published_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [siteId, weekOf(date)[0], clerk]);
    }
    const punch = (date: string, time: string, kind: 'in' | 'out') =>
      t.db.query(`INSERT INTO punch (site_id, user_id, kind, at, shift_date, segment, source) VALUES ($1, $2, $3, $4, $5, 0, 'personal')`, [siteId, consultant, kind, zonedTime(date, time, TZ), date]);
    await punch(days[0], '08:20', 'in');
    await punch(days[0], '17:40', 'out');
    await punch(days[1], '08:35', 'in'); // 5 minutes late: 50 yuan (ATT-11)
    await punch(days[1], '17:31', 'out');
    // days[2]: nothing — absence and a warning slip
    await punch(days[3], '08:00', 'in');
    await punch(days[3], '17:30', 'out');
    await punch(days[4], '08:00', 'in');
    await punch(days[4], '17:30', 'out');
  });
  afterAll(() => t.close());

  const row = (body: { rows: { userId: string }[] }) => body.rows.find((r) => r.userId === consultant) as Record<string, unknown>;

  it('computes the draft: days present, lateness, absence, fines; consultants may not read it', async () => {
    const res = await t.http().get(`/api/v1/attendance/reports/monthly?siteId=${siteId}&month=${month}`).set(await as('manager'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', month, revision: 0 });
    expect(row(res.body)).toMatchObject({ scheduledDays: 5, presentDays: 4, lateCount: 1, lateMinutes: 5, absenceDays: 1, finesFen: 5000, policyVersions: [1] });
    expect((row(res.body).fines as { kind: string }[]).map((f) => f.kind)).toEqual(['fine', 'warning_slip']);
    expect((await t.http().get(`/api/v1/attendance/reports/monthly?siteId=${siteId}&month=${month}`).set(await as('consultant'))).status).toBe(403);
    expect((await t.http().get(`/api/v1/attendance/reports/monthly?siteId=${siteId}&month=2026-13`).set(await as('manager'))).status).toBe(400);
  });

  it('exports CSV with Chinese headers Excel can read, and XLSX', async () => {
    const csv = await t.http().get(`/api/v1/attendance/reports/monthly?siteId=${siteId}&month=${month}&format=csv`).set(await as('clerk'));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`attendance-demo-sales-${month}-draft.csv`);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text).toContain('姓名 Name');
    expect(csv.text).toContain('李顾问');

    const xlsx = await t.http().get(`/api/v1/attendance/reports/monthly?siteId=${siteId}&month=${month}&format=xlsx`).set(await as('clerk')).buffer(true).parse(readBinary);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    const body = xlsx.body as Buffer;
    await wb.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0];
    const names = ws.getColumn(1).values.map(String);
    expect(names).toContain('李顾问');
  });

  it('the clerk submits once: figures locked, fines in the discipline register; a second submission is 409', async () => {
    const res = await t.http().post('/api/v1/attendance/reports/monthly/submit').set(await as('clerk')).send({ siteId, month });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', revision: 1 });
    const again = await t.http().post('/api/v1/attendance/reports/monthly/submit').set(await as('clerk')).send({ siteId, month });
    expect([again.status, again.body.code]).toEqual([409, 'MONTH_SUBMITTED']);
    const register = await t.http().get(`/api/v1/discipline?siteId=${siteId}`).set(await as('consultant'));
    expect(register.body.items.map((e: { kind: string; amountFen: number; sourceModule: string }) => [e.kind, e.amountFen, e.sourceModule]).sort()).toEqual([
      ['fine', 5000, 'attendance'],
      ['warning_slip', 0, 'attendance'],
    ]);
  });

  it('a later correction shows only after the manager revises the month, audited with before and after', async () => {
    const correction = await t.http()
      .post('/api/v1/attendance/corrections')
      .set(await as('manager'))
      .send({ siteId, userId: consultant, kind: 'in', at: zonedTime(days[2], '08:25', TZ).toISOString(), reason: '打卡机故障, 经理确认' });
    expect(correction.status).toBe(201);
    await t.http().post('/api/v1/attendance/corrections').set(await as('manager')).send({ siteId, userId: consultant, kind: 'out', at: zonedTime(days[2], '17:35', TZ).toISOString(), reason: '同上' });
    const locked = await t.http().get(`/api/v1/attendance/reports/monthly?siteId=${siteId}&month=${month}`).set(await as('manager'));
    expect(row(locked.body).absenceDays).toBe(1);
    expect((await t.http().post('/api/v1/attendance/reports/monthly/revise').set(await as('clerk')).send({ siteId, month, reason: 'x' })).status).toBe(403);
    const revised = await t.http().post('/api/v1/attendance/reports/monthly/revise').set(await as('manager')).send({ siteId, month, reason: '补卡批准' });
    expect(revised.status).toBe(200);
    expect(revised.body.revision).toBe(2);
    expect(row(revised.body)).toMatchObject({ absenceDays: 0, presentDays: 5, correctedDays: 1 });
    const trail = await t.http().get(`/api/v1/audit?siteId=${siteId}&entityType=attendance_month`).set(await as('manager'));
    expect(trail.body.items[0]).toMatchObject({ action: 'attendance.month_revised', reason: '补卡批准' });
    const nothing = await t.http().post('/api/v1/attendance/reports/monthly/revise').set(await as('manager')).send({ siteId, month, reason: 'again' });
    expect([nothing.status, nothing.body.code]).toEqual([409, 'NOTHING_TO_REVISE']);
  });

  it('a policy change never starts inside a submitted month', async () => {
    const current = localDate(new Date(), TZ).slice(0, 7);
    expect((await t.http().post('/api/v1/attendance/reports/monthly/submit').set(await as('clerk')).send({ siteId, month: current })).status).toBe(200);
    const versions = (await t.http().get(`/api/v1/attendance/policy?siteId=${siteId}`).set(await as('manager'))).body;
    const res = await t.http().put('/api/v1/attendance/policy').set(await as('manager')).send({ siteId, effectiveFrom: localDate(new Date(), TZ), policy: versions[0].policy });
    expect([res.status, res.body.code]).toEqual([409, 'MONTH_SUBMITTED']);
  });
});
