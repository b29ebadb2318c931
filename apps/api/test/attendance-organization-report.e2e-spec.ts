import ExcelJS from 'exceljs';
import { localDate, weekOf, zonedTime } from '@sitedesk/domain';
import { readBinary, startTestApp, type TestApp } from './support/test-app.js';

const TZ = 'Asia/Shanghai';

/** The month before the current one, and its first three weekdays. */
function previousMonth() {
  const now = new Date(localDate(new Date(), TZ) + 'T00:00:00Z');
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const month = d.toISOString().slice(0, 7);
  const days: string[] = [];
  for (let i = 1; days.length < 3; i++) {
    const date = `${month}-${String(i).padStart(2, '0')}`;
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (wd >= 1 && wd <= 5) days.push(date);
  }
  return { month, days };
}

interface SiteReport {
  siteId: string;
  siteCode: string;
  status: string;
  rows: { userId: string; scheduledDays: number; presentDays: number; lateCount: number; absenceDays: number }[];
}

describe('ATT-14 organization-wide monthly report (directors and admins)', () => {
  let t: TestApp;
  let sales: string;
  let service: string;
  let extraSite: string;
  let otherOrgSite: string;
  let consultant: string;
  let extraPerson: string;
  let stranger: string;
  const { month, days } = previousMonth();
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const url = (q = '') => `/api/v1/attendance/reports/monthly/organization?month=${month}${q}`;

  /** A published rota day and its punches (in on time, or late; out on time), written directly. */
  async function workDay(siteId: string, userId: string, by: string, date: string, inAt: string | null) {
    await t.db.query(`INSERT INTO schedule_entry (site_id, user_id, date, shift_code, updated_by) VALUES ($1, $2, $3, 'day', $4)`, [siteId, userId, date, by]);
    await t.db.query(`INSERT INTO rota_publication (site_id, week_start, published_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [siteId, weekOf(date)[0], by]);
    if (!inAt) return;
    const punch = (time: string, kind: 'in' | 'out') =>
      t.db.query(`INSERT INTO punch (site_id, user_id, kind, at, shift_date, segment, source) VALUES ($1, $2, $3, $4, $5, 0, 'personal')`, [siteId, userId, kind, zonedTime(date, time, TZ), date]);
    await punch(inAt, 'in');
    await punch('17:40', 'out');
  }

  /** A site with one consultant, in the given organization; its policy is the case-site preset (first use). */
  async function siteWithPerson(organizationId: string, code: string): Promise<[string, string]> {
    const [{ id: siteId }] = await t.db.query(`INSERT INTO site (organization_id, code, name, kind) VALUES ($1, $2, $3, 'sales_office') RETURNING id`, [organizationId, code, `${code} 项目`]);
    const [{ id: userId }] = await t.db.query(`INSERT INTO app_user (organization_id, login, display_name, password_hash) VALUES ($1, $2, $3, 'x') RETURNING id`, [organizationId, `${code}@test.sitedesk`, `${code} 员工`]);
    await t.db.query(`INSERT INTO role_assignment (organization_id, user_id, site_id, role) VALUES ($1, $2, $3, 'consultant')`, [organizationId, userId, siteId]);
    return [siteId, userId];
  }

  beforeAll(async () => {
    t = await startTestApp();
    sales = await t.ids.site('demo-sales');
    service = await t.ids.site('demo-service');
    consultant = await t.ids.user('consultant');
    const clerk = await t.ids.user('clerk');
    const [{ organization_id: org }] = await t.db.query(`SELECT organization_id FROM site WHERE id = $1`, [sales]);
    // demo-sales: on time, 10 minutes late, absent.
    await t.http().get(`/api/v1/attendance/policy?siteId=${sales}`).set(await as('clerk'));
    await workDay(sales, consultant, clerk, days[0], '08:20');
    await workDay(sales, consultant, clerk, days[1], '08:40');
    await workDay(sales, consultant, clerk, days[2], null);
    // A third site of the organization, which the director does not direct (the admin's grant covers it).
    [extraSite, extraPerson] = await siteWithPerson(org, 'org-extra');
    for (const date of days) await workDay(extraSite, extraPerson, clerk, date, '08:25');
    // Another organization with a site, staff and punches: never in this organization's report.
    const [{ id: otherOrg }] = await t.db.query(`INSERT INTO organization (name) VALUES ('Other Org') RETURNING id`);
    [otherOrgSite, stranger] = await siteWithPerson(otherOrg, 'other-org-site');
    for (const date of days) await workDay(otherOrgSite, stranger, stranger, date, '08:25');
  });
  afterAll(() => t.close());

  it("an admin reads every site of the organization, each with the site report's figures, and never another organization's", async () => {
    const res = await t.http().get(url()).set(await as('admin'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month });
    const sites = res.body.sites as SiteReport[];
    expect(sites.map((s) => s.siteId).sort()).toEqual([sales, service, extraSite].sort());
    expect(sites.map((s) => s.siteCode)).toEqual([...sites.map((s) => s.siteCode)].sort());
    const all = JSON.stringify(res.body);
    expect(all).not.toContain(otherOrgSite);
    expect(all).not.toContain(stranger);
    expect(sites.find((s) => s.siteId === sales)!.rows.find((r) => r.userId === consultant)).toMatchObject({ scheduledDays: 3, presentDays: 2, lateCount: 1, absenceDays: 1 });
    expect(sites.find((s) => s.siteId === extraSite)!.rows).toEqual([expect.objectContaining({ userId: extraPerson, scheduledDays: 3, presentDays: 3, lateCount: 0 })]);
    // Each site exactly as the site report gives it.
    for (const s of sites) {
      const single = await t.http().get(`/api/v1/attendance/reports/monthly?siteId=${s.siteId}&month=${month}`).set(await as('admin'));
      expect(single.status).toBe(200);
      const { siteCode: _c, siteName: _n, ...report } = s as SiteReport & { siteName: string };
      expect(report).toEqual(single.body);
    }
  });

  it('a director reads the sites they direct only; managers, clerks, supervisors and staff get 403', async () => {
    const res = await t.http().get(url()).set(await as('director'));
    expect(res.status).toBe(200);
    expect((res.body.sites as SiteReport[]).map((s) => s.siteId).sort()).toEqual([sales, service].sort());
    for (const who of ['manager', 'service_manager', 'clerk', 'supervisor', 'consultant']) {
      const denied = await t.http().get(url()).set(await as(who));
      expect([who, denied.status]).toEqual([who, 403]);
      expect(denied.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await t.http().get(url())).status).toBe(401);
  });

  it('rejects a malformed month or format with 400', async () => {
    expect((await t.http().get(`/api/v1/attendance/reports/monthly/organization?month=2026-13`).set(await as('admin'))).status).toBe(400);
    expect((await t.http().get(`/api/v1/attendance/reports/monthly/organization`).set(await as('admin'))).status).toBe(400);
    expect((await t.http().get(url('&format=pdf')).set(await as('admin'))).status).toBe(400);
  });

  it('exports one CSV and one XLSX table with the site in front of every row', async () => {
    const csv = await t.http().get(url('&format=csv')).set(await as('director'));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`attendance-organization-${month}.csv`);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^项目编号 Site code,项目 Site,状态 Status,姓名 Name,/);
    expect(lines.some((l) => l.startsWith('demo-sales,') && l.includes('李顾问'))).toBe(true);
    expect(csv.text).not.toContain('org-extra');

    const xlsx = await t.http().get(url('&format=xlsx')).set(await as('admin')).buffer(true).parse(readBinary);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    const body = xlsx.body as Buffer;
    await wb.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
    const codes = wb.worksheets[0].getColumn(1).values.map(String);
    expect(codes).toContain('org-extra');
    expect(codes).toContain('demo-sales');
    expect(codes).not.toContain('other-org-site');
  });
});
