import { parseReportPeriod, reportPeriodOf } from '@sitedesk/domain';
import { databaseFingerprint, isProblem, ok, readBinary, startTestApp, type TestApp } from './support/test-app.js';

/**
 * CMP-8: the follow-up summary report (回访总结报告): figures from a hand-built set of follow-up calls,
 * the supervisor's draft, publishing (frozen figures), revisions as new versions, roles, sites,
 * bad input and two publishers at once.
 */
describe('complaint follow-up summary report (CMP-8, CMP-7, CMP-10)', () => {
  let t: TestApp;
  let siteId: string;
  let serviceId: string;
  const TZ = 'Asia/Shanghai';
  const PERIOD = '2026-W40';
  const week = parseReportPeriod(PERIOD, TZ);
  /** An instant `hours` after the start of the week (Monday 00:00 in Shanghai). */
  const at = (hours: number) => new Date(week.start.getTime() + hours * 3_600_000);
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const base = '/api/v1/complaints/follow-up-reports';
  const get = async (who: string, query: string, site = siteId) => t.http().get(`${base}?siteId=${site}&${query}`).set(await as(who));
  const save = async (who: string, body: unknown, period = PERIOD, site = siteId) => t.http().put(`${base}/${site}/${period}`).set(await as(who)).send(body as object);
  const publish = async (who: string, period = PERIOD, site = siteId) => t.http().post(`${base}/${site}/${period}/publish`).set(await as(who));
  const count = async (sql: string, params: unknown[]) => (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;

  async function complaint(name: string, extra: { important?: boolean; category?: string; department?: string } = {}): Promise<string> {
    const [{ id }] = await t.db.query(
      `INSERT INTO complaint (site_id, state, channel, complainant_name, contact, content, subject_type, important_customer, received_at, base_level, severity, kind, validity, category, department, policy_version)
       VALUES ($1, 'resolved', 'phone', $2, '13800138000', '回访报告测试', 'none', $3, $4, 0, 'normal', 'complaint', 'valid', $5, $6, 1) RETURNING id`,
      [siteId, name, extra.important ?? false, at(-48), extra.category ?? 'service', extra.department ?? 'sales'],
    );
    return id;
  }
  async function call(complaintId: string, f: { status: 'open' | 'done' | 'dropped'; plannedAt: Date; dueBy: Date; doneAt?: Date; answers?: object; reopened?: boolean }): Promise<string> {
    const [{ id }] = await t.db.query(
      `INSERT INTO complaint_follow_up (site_id, complaint_id, status, planned_at, due_by, assignee_role, done_at, answers, reopened)
       VALUES ($1, $2, $3, $4, $5, 'supervisor', $6, $7, $8) RETURNING id`,
      [siteId, complaintId, f.status, f.plannedAt, f.dueBy, f.doneAt ?? null, f.answers ? JSON.stringify(f.answers) : null, f.reopened ?? false],
    );
    return id;
  }

  let a: string, b: string, c: string, cCall: string;
  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    serviceId = await t.ids.site('demo-service');
    for (const who of ['manager', 'supervisor', 'cs_agent', 'service_manager', 'director']) await t.token(who);
    // A: a member, called on time, satisfied, a fee charged, a suggestion.
    a = await complaint('甲会员', { important: true });
    await call(a, { status: 'done', plannedAt: at(10), dueBy: at(58), doneAt: at(11), answers: { solved: true, attitude: 'satisfied', charged: true, score: 9, suggestions: '希望周末也能上门' } });
    // B: called late, not solved, unsatisfied, score 3: it reopened the complaint (CMP-10).
    b = await complaint('乙先生', { category: 'quality', department: 'engineering' });
    await call(b, { status: 'done', plannedAt: at(20), dueBy: at(68), doneAt: at(70), answers: { solved: false, attitude: 'unsatisfied', charged: false, score: 3, suggestions: '' }, reopened: true });
    // C: a member not called yet, past due (overdue).
    c = await complaint('丙会员', { important: true });
    cCall = await call(c, { status: 'open', plannedAt: at(30), dueBy: at(78) });
    // D: dropped (reopened by hand before the call).
    const d = await complaint('丁女士');
    await call(d, { status: 'dropped', plannedAt: at(40), dueBy: at(88) });
    // E: planned in the next week: not in this report.
    const e = await complaint('戊女士', { important: true });
    await call(e, { status: 'done', plannedAt: at(7 * 24 + 1), dueBy: at(7 * 24 + 49), doneAt: at(7 * 24 + 2), answers: { solved: true, attitude: 'neutral', charged: false, score: 8, suggestions: '不应出现' } });
  });
  afterAll(() => t.close());

  const expectedFigures = {
    period: PERIOD,
    from: '2026-09-28',
    to: '2026-10-04',
    planned: 4,
    done: 2,
    doneOnTime: 1,
    doneLate: 1,
    dropped: 1,
    overdue: 1,
    pending: 0,
    solvedRate: 0.5,
    attitude: { satisfied: 1, neutral: 0, unsatisfied: 1 },
    chargedCount: 1,
    averageScore: 6,
    scoreDistribution: [0, 0, 1, 0, 0, 0, 0, 0, 1, 0],
    reopened: 1,
  };

  it('computes the live figures from the calls planned in the week (CMP-8, CMP-7 member coverage, CMP-10 reopenings)', async () => {
    const r = ok(await get('cs_agent', `period=${PERIOD}`));
    expect(r).toMatchObject({ siteId, period: PERIOD, kind: 'week', from: '2026-09-28', to: '2026-10-04', ended: true, draft: null, published: null, versions: [] });
    expect(r.live).toMatchObject(expectedFigures);
    expect(r.live.memberCoverage).toEqual({ owed: 2, calledBack: 1, rate: 0.5, missing: [c] });
    expect(r.live.unsatisfiedCalls).toEqual([expect.objectContaining({ complaintId: b, complainantName: '乙先生', category: 'quality', categoryName: '房屋质量', department: 'engineering', score: 3, solved: false, reopened: true, attitude: 'unsatisfied' })]);
    expect(r.live.suggestions).toEqual([expect.objectContaining({ complaintId: a, text: '希望周末也能上门', score: 9 })]);
    // The month holds the week's calls and the next week's.
    const month = ok(await get('supervisor', 'period=2026-10'));
    expect(month).toMatchObject({ kind: 'month', from: '2026-10-01', to: '2026-10-31' });
    expect(ok(await get('supervisor', 'period=2026-09')).live.planned + month.live.planned).toBe(5);
  });

  it('roles and sites: an agent reads but may not write (403); another site is a 404; nothing written', async () => {
    const before = await databaseFingerprint(t.db);
    const text = { causes: '原因', improvements: '措施' };
    for (const res of [await save('cs_agent', text), await publish('cs_agent')]) {
      expect(res.status).toBe(403);
      expect(isProblem(res)).toBe(true);
    }
    expect((await get('service_manager', `period=${PERIOD}`)).status).toBe(404);
    expect((await save('service_manager', text)).status).toBe(404);
    expect((await publish('service_manager')).status).toBe(404);
    // The director reads, and does not write (004: the supervisor writes it, the manager may).
    expect((await get('director', `period=${PERIOD}`)).status).toBe(200);
    expect((await save('director', text)).status).toBe(403);
    // The supervisor of demo-sales on demo-service: no role there.
    expect((await get('supervisor', `period=${PERIOD}`, serviceId)).status).toBe(404);
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('bad input is a 4xx problem and writes nothing', async () => {
    const before = await databaseFingerprint(t.db);
    const cases: [Promise<{ status: number; body: any; headers: any }>, number, string?][] = [
      [get('supervisor', 'period=2026-W54'), 400, 'FOLLOW_UP_REPORT_PERIOD_INVALID'],
      [get('supervisor', 'period=2026-13'), 400],
      [get('supervisor', 'period=x'), 400],
      [get('supervisor', `period=${PERIOD}&version=0`), 400],
      [get('supervisor', `period=${PERIOD}&version=7`), 404],
      [save('supervisor', { causes: '原因', improvements: '措施' }, '2026-W99'), 400, 'FOLLOW_UP_REPORT_PERIOD_INVALID'],
      [save('supervisor', { causes: 12, improvements: '措施' }), 400, 'VALIDATION_FAILED'],
      [save('supervisor', { causes: '原因' }), 400, 'VALIDATION_FAILED'],
      [save('supervisor', { causes: 'x'.repeat(10_001), improvements: '' }), 400, 'VALIDATION_FAILED'],
      [save('supervisor', { causes: '原因', improvements: '措施', figures: {} }), 400],
      [save('supervisor', { causes: '原因', improvements: '措施' }, PERIOD, 'not-a-site'), 404],
      [publish('supervisor', '2026-W00'), 400, 'FOLLOW_UP_REPORT_PERIOD_INVALID'],
      [publish('supervisor'), 409, 'FOLLOW_UP_REPORT_NO_DRAFT'],
    ];
    for (const [req, status, code] of cases) {
      const res = await req;
      expect([res.status, res.body.code]).toEqual([status, code ?? res.body.code]);
      expect(isProblem(res)).toBe(true);
    }
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });

  it('publishing needs the period over and the causes and improvements written', async () => {
    const current = reportPeriodOf(new Date(), 'week', TZ);
    ok(await save('supervisor', { causes: '本周进行中', improvements: '待定' }, current));
    const open = await publish('supervisor', current);
    expect([open.status, open.body.code]).toEqual([409, 'FOLLOW_UP_REPORT_PERIOD_OPEN']);
    ok(await save('supervisor', { causes: '维修人员不足', improvements: '  ' }));
    const blank = await publish('supervisor');
    expect([blank.status, blank.body.code]).toEqual([422, 'FOLLOW_UP_REPORT_TEXT_REQUIRED']);
    expect(blank.body.errors).toEqual([{ field: 'improvements', message: expect.any(String) }]);
    expect(await count(`complaint_follow_up_report WHERE site_id = $1 AND status = 'published'`, [siteId])).toBe(0);
  });

  it('draft → publish (two at once: one wins) → frozen; a call done later changes the live figures only; a revision is a new version; CSV and XLSX downloads', async () => {
    const draft = ok(await save('supervisor', { causes: '乙先生的维修超时未解决', improvements: '周末增派维修工；逾期回访由主管当日补打' }));
    expect(draft.draft).toMatchObject({ version: 1, causes: '乙先生的维修超时未解决', updatedByName: '陈主管' });
    expect(draft.published).toBeNull();

    const [one, two] = await Promise.all([publish('supervisor'), publish('manager')]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const lost = one.status === 409 ? one : two;
    expect(lost.body.code).toBe('FOLLOW_UP_REPORT_NO_DRAFT');
    const won = ok(one.status === 200 ? one : two);
    expect(won.draft).toBeNull();
    expect(won.published).toMatchObject({ version: 1, causes: '乙先生的维修超时未解决', improvements: '周末增派维修工；逾期回访由主管当日补打', figures: expectedFigures });
    expect(won.versions).toHaveLength(1);
    expect(await count(`complaint_follow_up_report WHERE site_id = $1 AND period = $2 AND status = 'published'`, [siteId, PERIOD])).toBe(1);
    expect(await count(`audit_event WHERE action = 'complaint.follow_up_report_published' AND site_id = $1`, [siteId])).toBe(1);
    expect(await count(`audit_event WHERE action = 'complaint.follow_up_report_saved' AND site_id = $1`, [siteId])).toBe(3);

    // C's call is made late: the live figures move, the published ones do not.
    await t.db.query(`UPDATE complaint_follow_up SET status = 'done', done_at = now(), called_by = NULL, answers = $2 WHERE id = $1`, [cCall, JSON.stringify({ solved: true, attitude: 'neutral', charged: false, score: 7, suggestions: '电话太晚' })]);
    const after = ok(await get('cs_agent', `period=${PERIOD}`));
    expect(after.live).toMatchObject({ done: 3, doneLate: 2, overdue: 0, memberCoverage: { owed: 2, calledBack: 2, rate: 1, missing: [] } });
    expect(after.published).toMatchObject({ version: 1, figures: expectedFigures });
    expect(after.published.figures.memberCoverage.missing).toEqual([c]);

    // A revision: a new draft, version 2; publishing it freezes the new figures; version 1 stays.
    expect(ok(await save('manager', { causes: '修订：乙先生超时；丙会员回访逾期', improvements: '会员回访当日完成' })).draft).toMatchObject({ version: 2, updatedByName: '王经理' });
    const v2 = ok(await publish('manager'));
    expect(v2.published).toMatchObject({ version: 2, publishedByName: '王经理', figures: { done: 3, overdue: 0 } });
    expect(v2.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = ok(await get('cs_agent', `period=${PERIOD}&version=1`));
    expect(v1.published).toMatchObject({ version: 1, causes: '乙先生的维修超时未解决', figures: { done: 2, overdue: 1 } });

    const list = ok(await t.http().get(`${base}/published?siteId=${siteId}&kind=week`).set(await as('cs_agent')));
    expect(list).toMatchObject({ total: 2, items: [{ period: PERIOD, version: 2, done: 3 }, { period: PERIOD, version: 1, done: 2, averageScore: 6, solvedRate: 0.5 }] });
    expect(ok(await t.http().get(`${base}/published?siteId=${siteId}&kind=month`).set(await as('cs_agent'))).total).toBe(0);

    // Downloads: version 1 as CSV (the frozen figures and text), the latest as XLSX.
    const csv = await get('cs_agent', `period=${PERIOD}&version=1&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`follow-up-report-demo-sales-${PERIOD}-v1.csv`);
    const text = csv.text as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('原因分析 causes,乙先生的维修超时未解决');
    expect(text).toContain('已回访 done,2\r\n');
    expect(text).toContain('希望周末也能上门');
    expect(text).not.toContain('电话太晚');
    const xlsx = await t.http().get(`${base}?siteId=${siteId}&period=${PERIOD}&format=xlsx`).set(await as('supervisor')).buffer(true).parse(readBinary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });
});
