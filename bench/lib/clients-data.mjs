// Client-attribution data (issue #4): 1 million customers and 200 partner agencies.
//
//   DATABASE_URL=… node bench/generate.mjs --customers 1000000     (the CLI flag; the runner: `data: { customers: … }`)
//
// Its own sites (`bench-ca-site-001…020`, masked reporting allowed: client_policy version 1 = the
// SPEC defaults + maskedReporting), staff (`bench-ca-staff-0001@bench.sitedesk`: per site 30
// consultants, a receptionist, a supervisor, a manager), 200 agencies (`bench CA Agency 001…`) with 5
// agents each (`bench-ca-agent-0001@bench.sitedesk`, role `partner` on the three sites their agency
// works with), all with password BENCH_PASSWORD; then per site:
// - customers (unique phone per site, numbers from a bijection of the index, so no two collide): 55 %
//   owned by a consultant and protected (owner since 0–85 days, protected 3 months from then), 30 %
//   in the open pool (owner gone), 15 % new; sources visit 35 %, call 30 %, channel 20 % (with the
//   agency), referral 8 %, employee referral 4 %, relation 3 %; created over the last two years;
// - their history (customer_event): the first contact (the source's kind) for every customer, a
//   follow-up for owned ones, a visit for a third of the rest (about 1.6 events a customer), derived
//   from the customer rows by one INSERT … SELECT per site;
// - partner reports: 1,500 running (`pending`, reported in the last 7 days) and 300 `valid` ones per
//   site (numbers that are not customers yet), and 2,000 finished ones over the last year (expired,
//   duplicate, natural, deal).
// Deterministic (seeded) and idempotent: people and agencies ON CONFLICT / by name, customers ON
// CONFLICT (site, phone) and only for sites short of their count, events only for customers without
// any, reports only for sites without generated reports. Customers, events and reports are written
// with batched INSERT … SELECT FROM unnest (insertRows), 5,000 rows a statement.
//
// generate.mjs hands its helpers in (`lib`): importing it from here would deadlock when it runs as
// the CLI (its top-level await would wait for this module, which would wait for it).

const DAY = 86_400_000;
const pad = (n, width) => String(n).padStart(width, '0');
export const CLIENT_SITES = 20;
export const AGENTS_PER_AGENCY = 5;
const CONSULTANTS_PER_SITE = 30;
const RUNNING_PER_SITE = 1500;
const VALID_PER_SITE = 300;
const FINISHED_PER_SITE = 2000;

export const clientSiteCode = (prefix, i) => `${prefix}-ca-site-${pad(i + 1, 3)}`;
export const clientStaffLogin = (prefix, i) => `${prefix}-ca-staff-${pad(i + 1, 4)}@bench.sitedesk`;
export const clientAgentLogin = (prefix, i) => `${prefix}-ca-agent-${pad(i + 1, 4)}@bench.sitedesk`;
export const clientAgencyName = (prefix, i) => `${prefix} CA Agency ${pad(i + 1, 3)}`;
/** The three sites agency `a` works with. */
export const agencySites = (a, sites) => [...new Set([a % sites, (a + 7) % sites, (a + 13) % sites])];

/**
 * Mainland mobile number n (0 ≤ n < 7·10⁹): a bijection, so distinct n never share a number.
 * Customers of site s use n = s·10⁷ + i; numbers reported but not yet customers (running reports,
 * the scenarios' new numbers) use n ≥ 5·10⁸.
 */
export function benchPhone(n) {
  const m = (BigInt(n) * 2_654_435_761n + 12_345n) % 7_000_000_000n;
  return `1${3_000_000_000n + m}`;
}
export const NEW_NUMBERS_FROM = 500_000_000;
const patternOf = (phone) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平'];
const SOURCES = /** @type {[string, number][]} */ ([['visit', 35], ['call', 30], ['channel', 20], ['referral', 8], ['employee_referral', 4], ['relation', 3]]);
const RULES = { visit: ['CA-2'], call: ['CA-9'], channel: ['CA-6', 'CA-7'], referral: ['CA-4'], employee_referral: ['CA-4'], relation: ['CA-5'] };
const FINISHED = /** @type {[string, string, number][]} */ ([['expired', 'expired', 50], ['duplicate', 'owned_on_site', 20], ['natural', 'agency_not_mentioned', 10], ['deal', 'in_time', 20]]);

/**
 * @param {import('../generate.mjs').Db} db
 * @param {{ organizationId: string, prefix?: string, customers: number, agencies?: number, sites?: number, seed?: number, now?: Date, log?: (m: string) => void,
 *   lib: Pick<typeof import('../generate.mjs'), 'insertRows' | 'grantRoles' | 'random' | 'benchPasswordHash'> }} o
 */
export async function createClients(db, { lib, organizationId, prefix = 'bench', customers, agencies = 200, sites = CLIENT_SITES, seed = 1, now = new Date(), log = () => {} }) {
  const t0 = Date.now();
  const { insertRows, grantRoles, random, benchPasswordHash } = lib;
  const { DEFAULT_CA_POLICY, addMonths } = await import('@sitedesk/domain');
  const perSite = Math.floor(customers / sites);
  const passwordHash = await benchPasswordHash();

  // Sites and their policy (masked reporting on, CA-15, so that masked reports take part).
  const siteRows = Array.from({ length: sites }, (_, i) => [organizationId, clientSiteCode(prefix, i), `客户归属 Client Attribution ${i + 1}`, 'sales_office', 'Asia/Shanghai']);
  await insertRows(db, 'site', [['organization_id', 'uuid'], ['code', 'text'], ['name', 'text'], ['kind', 'text'], ['time_zone', 'text']], siteRows, { suffix: 'ON CONFLICT DO NOTHING' });
  const siteIds = (await db.query('SELECT id FROM site WHERE code = ANY($1) ORDER BY code', [siteRows.map((r) => r[1])])).rows.map((r) => r.id);
  await insertRows(db, 'client_policy', [['site_id', 'uuid'], ['version', 'int'], ['policy', 'jsonb']], siteIds.map((id) => [id, 1, JSON.stringify({ ...DEFAULT_CA_POLICY, maskedReporting: true })]), { suffix: 'ON CONFLICT DO NOTHING' });

  // Agencies (by name) and their agents.
  const agencyNames = Array.from({ length: agencies }, (_, i) => clientAgencyName(prefix, i));
  const known = new Set((await db.query('SELECT name FROM agency WHERE organization_id = $1 AND name = ANY($2)', [organizationId, agencyNames])).rows.map((r) => r.name));
  await insertRows(db, 'agency', [['organization_id', 'uuid'], ['name', 'text']], agencyNames.filter((n) => !known.has(n)).map((n) => [organizationId, n]));
  const agencyIdOf = new Map((await db.query('SELECT id, name FROM agency WHERE organization_id = $1 AND name = ANY($2)', [organizationId, agencyNames])).rows.map((r) => [r.name, r.id]));
  const agencyIds = agencyNames.map((n) => agencyIdOf.get(n));

  // People: staff per site (consultants own the customers), agents per agency. Roles only for new people.
  const names = random(seed + 40);
  const staffPerSite = CONSULTANTS_PER_SITE + 3;
  const staffLogins = Array.from({ length: sites * staffPerSite }, (_, i) => clientStaffLogin(prefix, i));
  const agentLogins = Array.from({ length: agencies * AGENTS_PER_AGENCY }, (_, i) => clientAgentLogin(prefix, i));
  const created = new Date(now.getTime() - 800 * DAY);
  const people = [
    ...staffLogins.map((login, i) => [organizationId, login, `${SURNAMES[i % SURNAMES.length]}${names.pick(GIVEN)}`, passwordHash, 'zh-CN', null, created]),
    ...agentLogins.map((login, i) => [organizationId, login, `${SURNAMES[(i + 7) % SURNAMES.length]}${names.pick(GIVEN)}`, passwordHash, 'zh-CN', agencyIds[Math.floor(i / AGENTS_PER_AGENCY)], created]),
  ];
  const inserted = await insertRows(db, 'app_user', [['organization_id', 'uuid'], ['login', 'text'], ['display_name', 'text'], ['password_hash', 'text'], ['locale', 'text'], ['agency_id', 'uuid'], ['created_at', 'timestamptz']], people, { suffix: 'ON CONFLICT DO NOTHING RETURNING login' });
  const fresh = new Set(inserted.map((r) => r.login));
  const idOf = new Map((await db.query('SELECT id, login FROM app_user WHERE login = ANY($1)', [[...staffLogins, ...agentLogins]])).rows.map((r) => [r.login, r.id]));
  const staffRole = (k) => (k < CONSULTANTS_PER_SITE ? 'consultant' : ['receptionist', 'supervisor', 'manager'][k - CONSULTANTS_PER_SITE]);
  await grantRoles(db, [
    ...staffLogins.flatMap((login, i) => (fresh.has(login) ? [[organizationId, idOf.get(login), siteIds[Math.floor(i / staffPerSite)], staffRole(i % staffPerSite), created, null]] : [])),
    ...agentLogins.flatMap((login, i) => (fresh.has(login) ? agencySites(Math.floor(i / AGENTS_PER_AGENCY), sites).map((s) => [organizationId, idOf.get(login), siteIds[s], 'partner', created, null]) : [])),
  ]);
  const consultants = siteIds.map((_, s) => staffLogins.slice(s * staffPerSite, s * staffPerSite + CONSULTANTS_PER_SITE).map((l) => idOf.get(l)));
  const agencyOfSite = siteIds.map((_, s) => agencyIds.filter((_, a) => agencySites(a, sites).includes(s)));

  // Customers, per site, topped up to perSite.
  const added = { customers: 0, events: 0, reports: 0 };
  const counts = (await db.query('SELECT site_id, count(*)::int AS n FROM customer WHERE site_id = ANY($1) GROUP BY site_id', [siteIds])).rows;
  const have = new Map(counts.map((r) => [r.site_id, r.n]));
  const customerColumns = /** @type {[string, string][]} */ ([
    ['site_id', 'uuid'], ['name', 'text'], ['phone', 'text'], ['phone_pattern', 'text'], ['source', 'text'], ['grade', 'text'], ['status', 'text'], ['owner_id', 'uuid'],
    ['owner_since', 'timestamptz'], ['protected_until', 'timestamptz'], ['agency_id', 'uuid'], ['owner_rule_ids', 'jsonb'], ['visited', 'boolean'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ]);
  for (let s = 0; s < siteIds.length; s++) {
    if ((have.get(siteIds[s]) ?? 0) >= perSite) continue;
    const rng = random(seed * 7919 + s);
    const rows = [];
    for (let i = 0; i < perSite; i++) {
      const phone = benchPhone(s * 10_000_000 + i);
      const source = rng.weighted(SOURCES);
      const roll = rng.next();
      const status = roll < 0.55 ? 'owned' : roll < 0.85 ? 'open_pool' : 'new';
      const createdAt = new Date(now.getTime() - rng.next() * 730 * DAY);
      const owner = consultants[s][rng.int(CONSULTANTS_PER_SITE)];
      // Owned: owner since 0–85 days (renewed or won recently), protected 3 months from then.
      const ownerSince = status === 'owned' ? new Date(Math.max(createdAt.getTime(), now.getTime() - rng.next() * 85 * DAY)) : null;
      rows.push([
        siteIds[s], `${SURNAMES[rng.int(SURNAMES.length)]}${rng.pick(GIVEN)}${rng.next() < 0.5 ? rng.pick(GIVEN) : ''}`, phone, patternOf(phone), source, rng.pick(['A', 'B', 'C', 'C', 'D']), status,
        status === 'owned' ? owner : null, ownerSince, ownerSince ? addMonths(ownerSince, 3) : null,
        source === 'channel' ? rng.pick(agencyOfSite[s]) : null, JSON.stringify(status === 'owned' ? RULES[source] : []), source === 'visit' || rng.next() < 0.4,
        source === 'channel' ? null : owner, createdAt, ownerSince ?? createdAt,
      ]);
    }
    const done = await insertRows(db, 'customer', customerColumns, rows, { suffix: 'ON CONFLICT DO NOTHING RETURNING 1', batchSize: 5000 });
    added.customers += done.length;
    log(`clients site ${s + 1}/${siteIds.length}: ${done.length} customers`);
  }

  // Their history, from the customer rows (only customers without any event yet).
  const ev = await db.query(
    `INSERT INTO customer_event (site_id, customer_id, kind, at, consultant_id, details, recorded_by, recorded_at)
     SELECT c.site_id, c.id, e.kind, e.at, c.owner_id, e.details, coalesce(c.created_by, c.owner_id), e.at
     FROM customer c
     CROSS JOIN LATERAL (VALUES
       (CASE c.source WHEN 'channel' THEN 'agency_report' ELSE c.source END, c.created_at, jsonb_build_object('source', c.source), true),
       ('follow_up', coalesce(c.owner_since, c.created_at) + interval '2 days', '{"note": "回访 follow-up call"}'::jsonb, c.status = 'owned'),
       ('visit', c.created_at + interval '5 days', '{"party": 2}'::jsonb, c.status <> 'owned' AND c.source <> 'visit' AND c.visited)
     ) AS e(kind, at, details, wanted)
     WHERE c.site_id = ANY($1) AND e.wanted AND e.at <= now()
       AND NOT EXISTS (SELECT 1 FROM customer_event x WHERE x.customer_id = c.id)`,
    [siteIds],
  );
  added.events = ev.rowCount ?? 0;

  // Partner reports: running and finished, for sites without generated reports.
  const reportSites = new Set((await db.query('SELECT DISTINCT site_id FROM partner_report WHERE site_id = ANY($1) AND visit_code LIKE $2', [siteIds, '1%'])).rows.map((r) => r.site_id));
  const reportColumns = /** @type {[string, string][]} */ ([
    ['site_id', 'uuid'], ['agency_id', 'uuid'], ['agent_id', 'uuid'], ['customer_name', 'text'], ['phone', 'text'], ['phone_pattern', 'text'], ['expected_visit_at', 'timestamptz'],
    ['status', 'text'], ['status_reason', 'text'], ['visit_code', 'text'], ['expires_at', 'timestamptz'], ['visited_at', 'timestamptz'], ['created_at', 'timestamptz'],
  ]);
  // Generated visit codes start with 1 (not in the API's alphabet): they never collide with real ones.
  const code = (n) => `1${Array.from({ length: 7 }, (_, k) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[Math.floor(n / 32 ** k) % 32]).join('')}`;
  for (let s = 0; s < siteIds.length; s++) {
    if (reportSites.has(siteIds[s])) continue;
    const rng = random(seed * 104_729 + s);
    const rows = [];
    const total = RUNNING_PER_SITE + VALID_PER_SITE + FINISHED_PER_SITE;
    for (let i = 0; i < total; i++) {
      const a = rng.pick(agencyOfSite[s]);
      const agent = idOf.get(agentLogins[agencyIds.indexOf(a) * AGENTS_PER_AGENCY + rng.int(AGENTS_PER_AGENCY)]);
      const running = i < RUNNING_PER_SITE;
      const valid = !running && i < RUNNING_PER_SITE + VALID_PER_SITE;
      const [status, reason] = running ? ['pending', 'new'] : valid ? ['valid', 'in_time'] : rng.weighted(FINISHED.map(([st, r, w]) => [[st, r], w]));
      // Running reports: numbers that are not customers; finished ones: some of the site's customers.
      const phone = running || valid ? benchPhone(NEW_NUMBERS_FROM + s * 10_000_000 + i) : benchPhone(s * 10_000_000 + rng.int(perSite));
      const createdAt = new Date(now.getTime() - (running ? rng.next() * 6.5 * DAY : valid ? rng.next() * 6 * DAY : 8 * DAY + rng.next() * 357 * DAY));
      const visited = valid || status === 'deal' || status === 'natural' ? new Date(createdAt.getTime() + (0.1 + rng.next() * 5) * DAY) : null;
      const masked = rng.next() < 0.05;
      rows.push([siteIds[s], a, agent, `${SURNAMES[rng.int(SURNAMES.length)]}先生`, masked ? null : phone, patternOf(phone), new Date(createdAt.getTime() + DAY), status, reason,
        code(s * total + i), new Date(createdAt.getTime() + 7 * DAY), visited, createdAt]);
    }
    const done = await insertRows(db, 'partner_report', reportColumns, rows, { suffix: 'ON CONFLICT DO NOTHING RETURNING 1', batchSize: 5000 });
    added.reports += done.length;
  }
  const tV = Date.now();
  await db.query('VACUUM (ANALYZE) customer, customer_event, partner_report, client_policy, agency, app_user, role_assignment');
  log(`clients: ${added.customers} customers, ${added.events} customer events, ${added.reports} partner reports added in ${Date.now() - t0} ms (VACUUM ANALYZE ${Date.now() - tV} ms)`);
  return {
    siteIds,
    agencyIds,
    agencySites: agencyIds.map((_, a) => agencySites(a, sites)),
    /** per site: the consultants' ids; staffLogins[s]: the logins of the site's staff (consultants first) */
    consultants,
    staffLogins: siteIds.map((_, s) => staffLogins.slice(s * staffPerSite, (s + 1) * staffPerSite)),
    /** agentLogins[a]: the agents of agency a */
    agentLogins: agencyIds.map((_, a) => agentLogins.slice(a * AGENTS_PER_AGENCY, (a + 1) * AGENTS_PER_AGENCY)),
    customersPerSite: perSite,
    runningPerSite: RUNNING_PER_SITE,
    added,
    ms: Date.now() - t0,
  };
}
