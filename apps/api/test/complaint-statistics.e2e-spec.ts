import {
  classificationTable,
  COMPLAINT_GROUPINGS,
  complaintFact,
  durationSummary,
  memberFollowUpCoverage,
  satisfaction,
  settledClock,
  settledOutcomes,
  slaCompliance,
  type ComplaintFact,
  type FollowUpFact,
} from '@sitedesk/domain';
import { randomUUID } from 'node:crypto';
import type { SiteRef } from '../src/platform/access/access.policy.js';
import { loadFacts, PolicyCache, snapshotOf } from '../src/modules/complaint/complaint-store.js';
import { Complaint, ComplaintFollowUp } from '../src/modules/complaint/complaint.entities.js';
import { backfill } from '../src/database/migrations/1764700000000-complaint-statistics.js';
import { backfillOutcomes } from '../src/database/migrations/1764760000000-complaint-sla-outcomes.js';
import { databaseFingerprint, isProblem, ok, readBinary, startTestApp, type TestApp } from './support/test-app.js';

/**
 * CMP-8 statistics on stored facts (issue #6): hand-computed figures on rows written directly (a past
 * year, so that every figure is fixed), the same answers as the domain's pure functions over the same
 * rows, the organization-wide statistics of a director or an admin, and refusals.
 */
describe('CMP-8 complaint statistics on stored facts; the organization-wide statistics', () => {
  let t: TestApp;
  let sales: string;
  let service: string;
  let extraSite: string;
  let otherOrgSite: string;
  let consultant: string;
  const ids: Record<string, string> = {};
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });

  interface Fixture {
    name: string;
    site: string;
    received: string;
    channel?: string;
    state: string;
    kind?: string | null;
    validity?: string | null;
    category?: string | null;
    department?: string | null;
    important?: boolean;
    responded?: string;
    frMin?: number;
    resolved?: string;
    resMin?: number;
    staff?: string[];
    approved?: boolean;
    clocks?: { key: string; kind: string; started: string; target: number | null; promised?: string; stopped?: string; elapsed?: number; met?: boolean }[];
    calls?: { status: 'done' | 'open' | 'dropped'; score?: number; solved?: boolean; attitude?: string; charged?: boolean; reopened?: boolean }[];
  }

  /** A complaint, its clocks and calls as the API stores them, with the stored facts computed by hand. */
  async function complaint(f: Fixture) {
    const id = randomUUID();
    ids[f.name] = id;
    await t.db.query(
      `INSERT INTO complaint (id, site_id, state, channel, complainant_name, contact, content, subject_type, important_customer, received_at, base_level, severity,
                              kind, validity, category, department, investigation, approval, resolution, resolved_at, first_responded_at, policy_version,
                              first_response_minutes, resolution_minutes, classification)
       VALUES ($1, $2, $3, $4, '王', '139', '投诉', 'none', $5, $6, 0, 'normal', $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17, $18)`,
      [
        id, f.site, f.state, f.channel ?? 'phone', f.important ?? false, f.received, f.kind ?? null, f.validity ?? null, f.category ?? null, f.department ?? null,
        f.staff ? JSON.stringify({ department: f.department, responsibleStaff: f.staff.map((userId) => ({ userId, departmentHeadId: null })) }) : null,
        f.approved ? JSON.stringify({ proposalId: 'p1', approverId: consultant, comment: null, at: f.responded }) : null,
        f.resolved ? JSON.stringify({ at: f.resolved, implementation: 'i', signature: 's', feedback: null, onTheSpot: false }) : null,
        f.resolved ?? null, f.responded ?? null, f.frMin ?? null, f.resMin ?? null,
        f.kind ? JSON.stringify({ kind: f.kind, validity: f.validity, category: f.category, severity: 'normal', department: f.department }) : null,
      ],
    );
    for (const k of f.clocks ?? []) {
      await t.db.query(
        `INSERT INTO complaint_sla_clock (site_id, complaint_id, key, kind, started_at, target_minutes, promised_at, stopped_at, elapsed_minutes, met) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [f.site, id, k.key, k.kind, k.started, k.target, k.promised ?? null, k.stopped ?? null, k.elapsed ?? null, k.met ?? null],
      );
    }
    // The per-kind outcome of the stopped clocks (a breach wins; met when some stopped and all met).
    const outcome = (kind: string) => {
      const met = (f.clocks ?? []).filter((k) => k.kind === kind && k.met !== undefined).map((k) => k.met);
      return met.includes(false) ? false : met.length ? true : null;
    };
    // Upheld: a valid complaint with someone responsible, once approved or resolved.
    const upheld = f.kind === 'complaint' && f.validity === 'valid' && (f.staff ?? []).length > 0 && (!!f.approved || !!f.resolved);
    await t.db.query(`UPDATE complaint SET settled_first_response_met = $2, settled_promised_reply_met = $3, settled_resolution_met = $4, upheld = $5 WHERE id = $1`, [
      id, outcome('first_response'), outcome('promised_reply'), outcome('resolution'), upheld,
    ]);
    for (const c of f.calls ?? []) {
      await t.db.query(
        `INSERT INTO complaint_follow_up (site_id, complaint_id, status, planned_at, due_by, assignee_role, done_at, answers, reopened) VALUES ($1, $2, $3, $4, $4, 'cs_agent', $5, $6, $7)`,
        [f.site, id, c.status, f.resolved, c.status === 'done' ? f.resolved : null, c.status === 'done' ? JSON.stringify({ solved: c.solved, attitude: c.attitude, charged: c.charged, score: c.score, suggestion: '' }) : null, c.reopened ?? false],
      );
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    sales = await t.ids.site('demo-sales');
    service = await t.ids.site('demo-service');
    consultant = await t.ids.user('consultant');
    const [{ organization_id: org }] = await t.db.query(`SELECT organization_id FROM site WHERE id = $1`, [sales]);
    [{ id: extraSite }] = await t.db.query(`INSERT INTO site (organization_id, code, name, kind) VALUES ($1, 'cmp-extra', '额外项目', 'sales_office') RETURNING id`, [org]);
    const [{ id: otherOrg }] = await t.db.query(`INSERT INTO organization (name) VALUES ('Other Org') RETURNING id`);
    [{ id: otherOrgSite }] = await t.db.query(`INSERT INTO site (organization_id, code, name, kind) VALUES ($1, 'cmp-other-org', '别家项目', 'sales_office') RETURNING id`, [otherOrg]);

    // demo-sales, 2024 (Asia/Shanghai, UTC+8; the sales-office calendar: 09:00–18:00 every day).
    // A: Monday 10:00, answered 10:20 (20 min, target 30: met), resolved 14:00 (240 min: met), upheld, a satisfied call.
    await complaint({
      name: 'A', site: sales, received: '2024-03-04T02:00:00Z', state: 'closed', kind: 'complaint', validity: 'valid', category: 'service', department: 'sales',
      responded: '2024-03-04T02:20:00Z', frMin: 20, resolved: '2024-03-04T06:00:00Z', resMin: 240, staff: [consultant], approved: true,
      clocks: [
        { key: 'first_response', kind: 'first_response', started: '2024-03-04T02:00:00Z', target: 30, stopped: '2024-03-04T02:20:00Z', elapsed: 20, met: true },
        { key: 'resolution:1', kind: 'resolution', started: '2024-03-04T02:00:00Z', target: 1620, stopped: '2024-03-04T06:00:00Z', elapsed: 240, met: true },
      ],
      calls: [{ status: 'done', score: 9, solved: true, attitude: 'satisfied', charged: false }, { status: 'dropped' }],
    });
    // B: visit, an important customer, answered after 50 min (breached), resolved Wednesday 10:00 (8 h + 1 h = 540 min), never called back.
    await complaint({
      name: 'B', site: sales, received: '2024-03-05T02:00:00Z', channel: 'visit', state: 'closed', kind: 'complaint', validity: 'valid', category: 'quality', department: 'engineering', important: true,
      responded: '2024-03-05T02:50:00Z', frMin: 50, resolved: '2024-03-06T02:00:00Z', resMin: 540,
      clocks: [
        { key: 'first_response', kind: 'first_response', started: '2024-03-05T02:00:00Z', target: 30, stopped: '2024-03-05T02:50:00Z', elapsed: 50, met: false },
        { key: 'resolution:1', kind: 'resolution', started: '2024-03-05T02:00:00Z', target: 1620, stopped: '2024-03-06T02:00:00Z', elapsed: 540, met: true },
      ],
    });
    // C: online grumble of an important customer: 10 and 40 min, no resolution target, an unsatisfied paid call; an open call does not count.
    await complaint({
      name: 'C', site: sales, received: '2024-04-10T03:00:00Z', channel: 'online', state: 'resolved', kind: 'grumble', validity: 'valid', category: 'other', department: 'customer_service', important: true,
      responded: '2024-04-10T03:10:00Z', frMin: 10, resolved: '2024-04-10T03:40:00Z', resMin: 40,
      clocks: [{ key: 'first_response', kind: 'first_response', started: '2024-04-10T03:00:00Z', target: 30, stopped: '2024-04-10T03:10:00Z', elapsed: 10, met: true }],
      calls: [{ status: 'done', score: 4, solved: false, attitude: 'unsatisfied', charged: true }],
    });
    // D: never answered: its first-response clock still runs, long past its due — a breach as read now (GEN-8).
    await complaint({ name: 'D', site: sales, received: '2024-04-11T02:00:00Z', state: 'received', clocks: [{ key: 'first_response', kind: 'first_response', started: '2024-04-11T02:00:00Z', target: 30 }] });
    // E: 2025-01-01 01:00 local — another year on this site (GEN-4); F: 2024-01-01 00:30 local, in 2024, rejected as invalid.
    await complaint({ name: 'E', site: sales, received: '2024-12-31T17:00:00Z', state: 'received' });
    await complaint({ name: 'F', site: sales, received: '2023-12-31T16:30:00Z', state: 'rejected', kind: 'complaint', validity: 'invalid', category: 'service', department: 'sales' });
    // demo-service (the director directs it too): G answered after 30 min of a 60-min target.
    await complaint({
      name: 'G', site: service, received: '2024-06-03T02:00:00Z', state: 'closed', kind: 'complaint', validity: 'valid', category: 'repair', department: 'workshop', responded: '2024-06-03T02:30:00Z', frMin: 30,
      clocks: [{ key: 'first_response', kind: 'first_response', started: '2024-06-03T02:00:00Z', target: 60, stopped: '2024-06-03T02:30:00Z', elapsed: 30, met: true }],
    });
    // The organization's third site (only the admin's organization-wide grant reaches it) and another organization's site.
    await complaint({ name: 'H', site: extraSite, received: '2024-07-01T02:00:00Z', state: 'received' });
    await complaint({ name: 'I', site: otherOrgSite, received: '2024-07-01T02:00:00Z', state: 'closed', responded: '2024-07-01T02:05:00Z', frMin: 5 });
  });
  afterAll(() => t.close());

  const EXPECTED_SALES_2024 = {
    period: '2024',
    from: '2024-01-01',
    to: '2024-12-31',
    total: 5,
    firstResponse: { count: 3, median: 20, p90: 50 },
    resolution: { count: 3, median: 240, p90: 540 },
    sla: { firstResponse: { met: 2, breached: 2, rate: 0.5 }, promisedReply: { met: 0, breached: 0, rate: null }, resolution: { met: 2, breached: 0, rate: 1 } },
    satisfaction: { calls: 2, averageScore: 6.5, score: { count: 2, median: 6.5, p90: 9 }, solvedRate: 0.5, chargedCount: 1, attitude: { satisfied: 1, neutral: 0, unsatisfied: 1 }, reopened: 0 },
  };

  it('CMP-8 a site-year from the stored facts equals hand-computed figures: counts, medians and nearest-rank p90, SLA with a running clock breached as read now (GEN-8), satisfaction, member coverage', async () => {
    const s = ok(await t.http().get(`/api/v1/complaints/statistics?siteId=${sales}&year=2024`).set(await as('supervisor')));
    expect(s).toMatchObject({ ...EXPECTED_SALES_2024, memberFollowUp: { owed: 2, calledBack: 1, rate: 0.5, missing: [ids.B] } });
    const keys = (by: string) => s.tables[by].map((r: { key: string; total: number }) => [r.key, r.total]);
    expect(keys('category')).toEqual([['other', 1], ['quality', 1], ['service', 2], ['untriaged', 1]]);
    expect(keys('channel')).toEqual([['online', 1], ['phone', 3], ['visit', 1]]);
    expect(keys('month')).toEqual([['2024-01', 1], ['2024-03', 2], ['2024-04', 2]]);
    expect(keys('staff')).toEqual([[consultant, 1], ['none', 4]].sort(([a], [b]) => String(a).localeCompare(String(b))));
    expect(keys('department')).toEqual([['customer_service', 1], ['engineering', 1], ['sales', 2], ['unassigned', 1]]);
    const service = s.tables.category.find((r: { key: string }) => r.key === 'service');
    expect(service).toMatchObject({ label: '服务', total: 2, complaints: 2, valid: 1, invalid: 1, upheld: 1, open: 0, firstResponse: { count: 1, median: 20, p90: 20 } });
    expect(s.tables.category.find((r: { key: string }) => r.key === 'untriaged')).toMatchObject({ untriaged: 1, open: 1, sla: { firstResponse: { met: 0, breached: 1, rate: 0 } } });
    expect(s.tables.staff.find((r: { key: string }) => r.key === consultant)).toMatchObject({ label: '李顾问', upheld: 1 });
    const all = s.tables.channel.reduce((n: any, r: any) => ({ c: n.c + r.complaints, g: n.g + r.grumbles, u: n.u + r.untriaged }), { c: 0, g: 0, u: 0 });
    expect(all).toEqual({ c: 3, g: 1, u: 1 });

    const month = ok(await t.http().get(`/api/v1/complaints/statistics?siteId=${sales}&month=2024-03`).set(await as('manager')));
    expect(month).toMatchObject({ total: 2, firstResponse: { count: 2, median: 35, p90: 50 }, resolution: { median: 390, p90: 540 }, memberFollowUp: { owed: 1, calledBack: 0, missing: [ids.B] } });
    const year2025 = ok(await t.http().get(`/api/v1/complaints/statistics?siteId=${sales}&year=2025`).set(await as('supervisor')));
    expect(year2025).toMatchObject({ total: 1, tables: { month: [{ key: '2025-01', total: 1 }] } });
  });

  /** The domain's definition over the same rows, read now (the statistics before issue #6). */
  async function byDomain(site: SiteRef, from: Date, to: Date, now: Date) {
    const em = t.db.manager;
    const rows = await em.getRepository(Complaint).createQueryBuilder('c').where('c.site_id = :s AND c.received_at >= :from AND c.received_at < :to', { s: site.id, from, to }).orderBy('c.received_at', 'ASC').getMany();
    const cache = new PolicyCache(em, site);
    const facts: ComplaintFact[] = [];
    for (const f of await loadFacts(em, rows)) facts.push(complaintFact(snapshotOf(f), (await cache.get(f.row.policyVersion)).calendar, now));
    const calls = rows.length ? await em.getRepository(ComplaintFollowUp).createQueryBuilder('u').where('u.complaint_id IN (:...ids) AND u.status = :s', { ids: rows.map((r) => r.id), s: 'done' }).getMany() : [];
    const followUps: FollowUpFact[] = calls.map((c) => ({ complaintId: c.complaintId, calledAt: c.doneAt!, ...c.answers!, reopened: c.reopened }));
    return {
      total: facts.length,
      tables: Object.fromEntries(COMPLAINT_GROUPINGS.map((by) => [by, classificationTable(facts, by, site.timeZone)])),
      firstResponse: durationSummary(facts.map((f) => f.firstResponseMinutes)),
      resolution: durationSummary(facts.map((f) => f.resolutionMinutes)),
      sla: slaCompliance(facts),
      satisfaction: satisfaction(followUps),
      memberFollowUp: memberFollowUpCoverage(facts, followUps),
    };
  }
  const withoutLabels = (s: Record<string, any>) => ({ ...s, tables: Object.fromEntries(Object.entries(s.tables).map(([k, rows]) => [k, (rows as any[]).map(({ label: _l, ...r }) => r)])) });
  const siteRef = async (id: string): Promise<SiteRef> => {
    const [r] = await t.db.query(`SELECT id, organization_id AS "organizationId", code, name, kind, time_zone AS "timeZone" FROM site WHERE id = $1`, [id]);
    return r;
  };

  it('CMP-8 the SQL statistics equal the domain definition (classificationTable, durationSummary, slaCompliance, satisfaction, memberFollowUpCoverage over complaintFact) on the same rows', async () => {
    const site = await siteRef(sales);
    const { period: _p, from: _f, to: _t, ...api } = ok(await t.http().get(`/api/v1/complaints/statistics?siteId=${sales}&year=2024`).set(await as('supervisor')));
    expect(withoutLabels(api)).toEqual(await byDomain(site, new Date('2023-12-31T16:00:00Z'), new Date('2024-12-31T16:00:00Z'), new Date()));
  });

  it('CMP-8 complaints handled through the API store their facts when the clock stops (same transaction), and the month equals the domain definition', async () => {
    const site = await siteRef(sales);
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.http().post('/api/v1/complaints').set(await as('cs_agent')).send({ siteId: sales, channel: 'phone', complainantName: '李', contact: '138', content: '态度', subjectType: 'none', importantCustomer: i === 0 });
      expect(res.status).toBe(201);
      made.push(res.body.id);
    }
    for (const id of made.slice(0, 2)) expect((await t.http().post(`/api/v1/complaints/${id}/respond`).set(await as('cs_agent')).send({ message: '已收到' })).status).toBe(200);
    const stored: { id: string; first_responded_at: Date | null; first_response_minutes: number | null; fr: boolean | null; pr: boolean | null; res: boolean | null }[] = await t.db.query(
      `SELECT id, first_responded_at, first_response_minutes, settled_first_response_met AS fr, settled_promised_reply_met AS pr, settled_resolution_met AS res FROM complaint WHERE id = ANY($1)`,
      [made],
    );
    const clocks: { complaint_id: string; stopped_at: Date | null; elapsed_minutes: number | null; met: boolean | null }[] = await t.db.query(`SELECT complaint_id, stopped_at, elapsed_minutes, met FROM complaint_sla_clock WHERE complaint_id = ANY($1) AND kind = 'first_response'`, [made]);
    const cache = new PolicyCache(t.db.manager, site);
    const facts = await loadFacts(t.db.manager, await t.db.manager.getRepository(Complaint).findBy(made.map((id) => ({ id }))));
    for (const f of facts) {
      const snap = snapshotOf(f);
      const { calendar } = await cache.get(f.row.policyVersion);
      const fact = complaintFact(snap, calendar, new Date());
      const row = stored.find((r) => r.id === f.row.id)!;
      expect(row.first_response_minutes).toBe(fact.firstResponseMinutes);
      expect({ firstResponseMet: row.fr, promisedReplyMet: row.pr, resolutionMet: row.res }).toEqual(settledOutcomes(snap.clocks, calendar, snap.pauses));
      const k = clocks.find((c) => c.complaint_id === f.row.id)!;
      const settled = settledClock(snap.clocks.find((c) => c.kind === 'first_response')!, calendar, snap.pauses);
      expect(k.stopped_at === null ? null : { elapsedMinutes: k.elapsed_minutes, met: k.met }).toEqual(settled);
    }
    expect(clocks.filter((k) => k.met !== null)).toHaveLength(2);
    expect(stored.map((r) => r.fr).sort()).toEqual([null, true, true]); // answered at once: met; the third still runs
    // The migration's backfill computes the same values for rows written before the columns existed.
    const facts0 = `SELECT c.id, c.first_response_minutes, c.resolution_minutes, c.settled_first_response_met, c.settled_promised_reply_met, c.settled_resolution_met, c.upheld,
                           k.key, k.elapsed_minutes, k.met FROM complaint c LEFT JOIN complaint_sla_clock k ON k.complaint_id = c.id WHERE c.id = ANY($1) ORDER BY c.id, k.key`;
    const written = await t.db.query(facts0, [made]);
    await t.db.query(`UPDATE complaint SET first_response_minutes = NULL, resolution_minutes = NULL, settled_first_response_met = NULL, settled_promised_reply_met = NULL, settled_resolution_met = NULL, upheld = false WHERE id = ANY($1)`, [made]);
    await t.db.query(`UPDATE complaint_sla_clock SET elapsed_minutes = NULL, met = NULL WHERE complaint_id = ANY($1)`, [made]);
    const q = { query: (sql: string, params?: unknown[]) => t.db.query(sql, params) };
    await backfill(q);
    await backfillOutcomes(q);
    expect(await t.db.query(facts0, [made])).toEqual(written);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const { period: _p, from, to, ...api } = ok(await t.http().get(`/api/v1/complaints/statistics?siteId=${sales}&month=${month}`).set(await as('supervisor')));
    const lo = new Date(`${from}T00:00:00+08:00`);
    const hi = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
    expect(withoutLabels(api)).toEqual(await byDomain(site, lo, hi, new Date()));
  });

  it('CMP-8 organization-wide: a director gets a row per site they direct with the site figures and the totals over all their complaints; never another organization', async () => {
    const o = ok(await t.http().get(`/api/v1/complaints/statistics/organization?year=2024`).set(await as('director')));
    expect(o.period).toBe('2024');
    expect(o.sites.map((s: { siteId: string }) => s.siteId).sort()).toEqual([sales, service].sort());
    const row = o.sites.find((s: { siteId: string }) => s.siteId === sales);
    const { period: _period, ...figures } = EXPECTED_SALES_2024;
    expect(row).toMatchObject({ ...figures, total: 5, complaints: 3, grumbles: 1, untriaged: 1, valid: 3, invalid: 1, upheld: 1, open: 1, memberFollowUp: { owed: 2, calledBack: 1, missing: [ids.B] } });
    expect(o.sites.find((s: { siteId: string }) => s.siteId === service)).toMatchObject({ total: 1, firstResponse: { count: 1, median: 30, p90: 30 }, sla: { firstResponse: { met: 1, breached: 0, rate: 1 } }, satisfaction: { calls: 0, averageScore: null } });
    // Totals over the six complaints together: first responses 10, 20, 30, 50 → median 25, p90 the 4th.
    expect(o.totals).toMatchObject({ total: 6, complaints: 4, firstResponse: { count: 4, median: 25, p90: 50 }, sla: { firstResponse: { met: 3, breached: 2, rate: 0.6 } }, satisfaction: { calls: 2 }, memberFollowUp: { owed: 2, calledBack: 1 } });
    const text = JSON.stringify(o);
    for (const x of [otherOrgSite, ids.I, extraSite]) expect(text).not.toContain(x);

    const admin = ok(await t.http().get(`/api/v1/complaints/statistics/organization?year=2024`).set(await as('admin')));
    expect(admin.sites.map((s: { siteId: string }) => s.siteId).sort()).toEqual([sales, service, extraSite].sort());
    expect(admin.totals.total).toBe(7);
    expect(JSON.stringify(admin)).not.toContain(otherOrgSite);
    const only = ok(await t.http().get(`/api/v1/complaints/statistics/organization?month=2024-03&siteIds=${sales}`).set(await as('director')));
    expect(only.sites).toHaveLength(1);
    expect(only.totals).toMatchObject({ total: 2, firstResponse: { median: 35 } });

    const csv = await t.http().get(`/api/v1/complaints/statistics/organization?year=2024&format=csv`).set(await as('director'));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^站点代码 site code,站点 site,总数 total,/);
    expect(lines[3]).toMatch(/^,合计 total,6,4,/);
    const xlsx = await t
      .http()
      .get(`/api/v1/complaints/statistics/organization?year=2024&format=xlsx`)
      .set(await as('director'))
      .buffer(true)
      .parse(readBinary);
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('CMP-8 organization-wide: supervisors, managers and agents get 403; a site outside the caller’s reach is a 404; bad input is a 400 problem and writes nothing', async () => {
    for (const who of ['supervisor', 'manager', 'cs_agent', 'consultant']) {
      const denied = await t.http().get(`/api/v1/complaints/statistics/organization?year=2024`).set(await as(who));
      expect([who, denied.status]).toEqual([who, 403]);
      expect(isProblem(denied)).toBe(true);
    }
    expect((await t.http().get(`/api/v1/complaints/statistics/organization?year=2024&siteIds=${otherOrgSite}`).set(await as('admin'))).status).toBe(404);
    expect((await t.http().get(`/api/v1/complaints/statistics/organization?year=2024&siteIds=${extraSite}`).set(await as('director'))).status).toBe(404);
    const before = await databaseFingerprint(t.db);
    for (const q of ['', 'year=2024&month=2024-03', 'month=2024-13', 'year=24', 'year=2024&siteIds=x', `year=2024&siteIds=${sales},`, 'year=2024&format=pdf']) {
      const res = await t.http().get(`/api/v1/complaints/statistics/organization?${q}`).set(await as('director'));
      expect([q, res.status]).toEqual([q, 400]);
      expect(isProblem(res)).toBe(true);
    }
    expect(await databaseFingerprint(t.db)).toEqual(before);
  });
});
