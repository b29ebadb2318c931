// The data generator: realistic volumes written straight to PostgreSQL with SQL, in batches.
// Used by the runner (each scenario states the volumes it needs) and standalone:
//
//   DATABASE_URL=postgres://… node bench/generate.mjs --sites 50 --users 5000 --roles 20000 \
//     [--audit-events 100000] [--discipline 20000] [--prefix bench] [--organization "Bench Realty"] [--seed 1]
//
// Everything it creates is named after --prefix (site codes `bench-site-001`, logins
// `bench-user-00001@bench.sitedesk`), so a second run with the same options adds no sites, users or
// roles; audit events and discipline entries are appended on every run. The schema must exist
// (run the migrations first). Nothing is deleted, except the role assignments of a user that
// createUser() sets up afresh for a scenario.
import { hash } from '@node-rs/argon2';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/** The domain library's role and discipline names; it is built first when it has never been built. */
async function loadDomain() {
  try {
    return await import('@sitedesk/domain');
  } catch {
    const { build } = await import('../scripts/build.mjs');
    build({ only: ['domain'], log: () => {} });
    return import('@sitedesk/domain');
  }
}
const { ROLES, DISCIPLINE_KINDS } = await loadDomain();

/** @typedef {{ query: (text: string, values?: unknown[]) => Promise<{ rows: any[], rowCount: number | null }> }} Db  a pg Pool or Client */

export const BENCH_PASSWORD = 'bench-password';
const BATCH = 1000;

/** A small seeded PRNG (mulberry32): the same seed gives the same data. */
export function random(seed = 1) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  /** @param {[T, number][]} weighted @template T */
  const weighted = (weighted) => {
    let r = next() * weighted.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of weighted) if ((r -= w) < 0) return v;
    return weighted[weighted.length - 1][0];
  };
  return { next, int, pick, weighted };
}

/**
 * INSERT many rows in batches with one statement per batch: `INSERT … SELECT * FROM unnest($1::t[], …)`.
 * @param {Db} db
 * @param {string} table
 * @param {[name: string, pgType: string][]} columns
 * @param {unknown[][]} rows  values in the order of `columns`
 * @param {{ suffix?: string }} [opts]  e.g. `ON CONFLICT DO NOTHING RETURNING id`
 * @returns {Promise<any[]>} the returned rows of every batch
 */
export async function insertRows(db, table, columns, rows, { suffix = '' } = {}) {
  const names = columns.map(([n]) => `"${n}"`).join(', ');
  const arrays = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays}) ${suffix}`;
  const out = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const { rows: returned } = await db.query(sql, columns.map((_, c) => batch.map((r) => r[c])));
    out.push(...returned);
  }
  return out;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '晨', '雪'];
const CITIES = ['上海 Shanghai', '北京 Beijing', '广州 Guangzhou', '深圳 Shenzhen', '杭州 Hangzhou', '南京 Nanjing', '苏州 Suzhou', '成都 Chengdu', '武汉 Wuhan', '西安 Xi’an'];
/** How often staff hold each role on a site (consultants are many, directors few); admins and partners are apart. */
const STAFF_ROLE_WEIGHTS = /** @type {[string, number][]} */ ([
  ['consultant', 30], ['technician', 12], ['service_advisor', 10], ['receptionist', 8], ['supervisor', 8],
  ['clerk', 6], ['cs_agent', 6], ['cashier', 5], ['manager', 4], ['developer_approver', 2], ['director', 1],
]).filter(([r]) => ROLES.includes(r));
const DAY = 86_400_000;

const pad = (n, width) => String(n).padStart(width, '0');
export const siteCode = (prefix, i) => `${prefix}-site-${pad(i + 1, 3)}`;
export const userLogin = (prefix, i) => `${prefix}-user-${pad(i + 1, 5)}@bench.sitedesk`;

/** The password hash of generated users (argon2id with the API's parameters), computed once. */
let hashed;
export const benchPasswordHash = () => (hashed ??= hash(BENCH_PASSWORD));

/** @param {Db} db @returns {Promise<string>} the id of the organization called `name`, created when missing */
export async function ensureOrganization(db, name) {
  const found = await db.query('SELECT id FROM organization WHERE name = $1 ORDER BY created_at LIMIT 1', [name]);
  if (found.rows.length) return found.rows[0].id;
  return (await db.query('INSERT INTO organization (name) VALUES ($1) RETURNING id', [name])).rows[0].id;
}

/** @param {Db} db @returns {Promise<string[]>} ids of the sites `<prefix>-site-001…count`, ordered by code */
export async function createSites(db, { organizationId, prefix, count, rng = random(1) }) {
  const rows = Array.from({ length: count }, (_, i) => {
    const service = rng.next() < 0.3;
    const city = CITIES[i % CITIES.length];
    return [organizationId, siteCode(prefix, i), `${city} ${service ? '服务中心 Service Centre' : '售楼处 Sales Office'} ${i + 1}`, service ? 'service_centre' : 'sales_office', 'Asia/Shanghai'];
  });
  await insertRows(db, 'site', [['organization_id', 'uuid'], ['code', 'text'], ['name', 'text'], ['kind', 'text'], ['time_zone', 'text']], rows, { suffix: 'ON CONFLICT DO NOTHING' });
  const { rows: ids } = await db.query('SELECT id FROM site WHERE code = ANY($1) ORDER BY code', [rows.map((r) => r[1])]);
  return ids.map((r) => r.id);
}

/** @param {Db} db @returns {Promise<string[]>} ids of the partner agencies `<prefix> Agency 01…count` */
export async function createAgencies(db, { organizationId, prefix, count }) {
  const names = Array.from({ length: count }, (_, i) => `${prefix} Agency ${pad(i + 1, 2)}`);
  const { rows: existing } = await db.query('SELECT name FROM agency WHERE organization_id = $1 AND name = ANY($2)', [organizationId, names]);
  const missing = names.filter((n) => !existing.some((e) => e.name === n));
  await insertRows(db, 'agency', [['organization_id', 'uuid'], ['name', 'text']], missing.map((n) => [organizationId, n]));
  const { rows } = await db.query('SELECT id FROM agency WHERE organization_id = $1 AND name = ANY($2) ORDER BY name', [organizationId, names]);
  return rows.map((r) => r.id);
}

/**
 * Users `<prefix>-user-00001…count` with password BENCH_PASSWORD, and about `roles` role
 * assignments among them (8 % of them revoked). Only users that did not exist yet get roles, so a
 * second run with the same options adds nothing.
 * @param {Db} db
 * @returns {Promise<{ userIds: string[], logins: string[], created: number, roleAssignments: number }>}
 */
export async function createUsers(db, { organizationId, prefix, count, roles = count, siteIds, agencyIds = [], rng = random(2) }) {
  if (count && !siteIds.length) throw new Error('users need sites to hold roles on: create sites first');
  const passwordHash = await benchPasswordHash();
  const now = Date.now();
  const logins = Array.from({ length: count }, (_, i) => userLogin(prefix, i));
  // Who is who: one user in 500 an organization-wide admin, one in twelve a partner agent (the role
  // `partner` on a site or two, nothing else), the others staff. Staff hold one role each plus the
  // rest of `roles` spread at random, on one to three sites. Decided before inserting, so that the
  // same options always give the same data.
  const plans = logins.map((_, i) => {
    const who = rng.next();
    const homeSites = Array.from({ length: Math.min(siteIds.length, 1 + rng.int(3)) }, () => siteIds[rng.int(siteIds.length)]);
    const name = `${SURNAMES[i % SURNAMES.length]}${rng.pick(GIVEN)}`;
    const locale = rng.next() < 0.15 ? 'en' : 'zh-CN';
    if (who < 0.002) return { kind: 'admin', name: `管理员 Admin ${i + 1}`, locale, homeSites, grants: [[null, 'admin']] };
    if (who < 0.085) return { kind: 'partner', name, locale, homeSites, grants: [...new Set(homeSites.slice(0, 2))].map((siteId) => [siteId, 'partner']) };
    return { kind: 'staff', name, locale, homeSites, grants: [], wanted: 1 };
  });
  const staff = plans.filter((p) => p.kind === 'staff');
  const others = plans.reduce((n, p) => n + p.grants.length, 0);
  for (let r = others + staff.length; r < roles && staff.length; r++) staff[rng.int(staff.length)].wanted++;
  for (const p of staff) {
    const seen = new Set();
    for (let tries = 0; p.grants.length < p.wanted && tries < p.wanted * 20; tries++) {
      const g = [rng.pick(p.homeSites), rng.weighted(STAFF_ROLE_WEIGHTS)];
      if (seen.has(g.join())) continue;
      seen.add(g.join());
      p.grants.push(g);
    }
  }
  const inserted = await insertRows(
    db,
    'app_user',
    [['organization_id', 'uuid'], ['login', 'text'], ['display_name', 'text'], ['password_hash', 'text'], ['locale', 'text'], ['agency_id', 'uuid'], ['created_at', 'timestamptz']],
    plans.map((p, i) => [organizationId, logins[i], p.name, passwordHash, p.locale, p.kind === 'partner' && agencyIds.length ? agencyIds[i % agencyIds.length] : null, new Date(now - (count - i) * 3_600_000)]),
    { suffix: 'ON CONFLICT DO NOTHING RETURNING id, login' },
  );
  const newIds = new Map(inserted.map((r) => [r.login, r.id]));
  const assignments = [];
  plans.forEach((p, i) => {
    const userId = newIds.get(logins[i]);
    if (!userId) return;
    p.grants.forEach(([siteId, role], j) => {
      const createdAt = new Date(now - (count - i) * 3_600_000 + j * 60_000);
      const revoked = rng.next() < 0.08 ? new Date(createdAt.getTime() + 30 * DAY) : null;
      assignments.push([organizationId, userId, siteId, role, createdAt, revoked]);
    });
  });
  await grantRoles(db, assignments);
  const { rows } = await db.query('SELECT id, login FROM app_user WHERE login = ANY($1) ORDER BY login', [logins]);
  return { userIds: rows.map((r) => r.id), logins: rows.map((r) => r.login), created: inserted.length, roleAssignments: assignments.length };
}

/** @param {Db} db @param {[orgId: string, userId: string, siteId: string | null, role: string, createdAt: Date, revokedAt: Date | null][]} rows */
export function grantRoles(db, rows) {
  return insertRows(db, 'role_assignment', [['organization_id', 'uuid'], ['user_id', 'uuid'], ['site_id', 'uuid'], ['role', 'text'], ['created_at', 'timestamptz'], ['revoked_at', 'timestamptz']], rows, { suffix: 'ON CONFLICT DO NOTHING' });
}

/**
 * One user with exactly the grants given (each a distinct created_at, so that their order is
 * stable), created or reset. For scenarios that act as a known user.
 * @param {Db} db
 * @param {{ organizationId: string, login: string, displayName?: string, grants: [siteId: string | null, role: string][], revoked?: [siteId: string | null, role: string][] }} user
 * @returns {Promise<string>} the user's id
 */
export async function createUser(db, { organizationId, login, displayName = login, grants, revoked = [] }) {
  const passwordHash = await benchPasswordHash();
  const { rows } = await db.query(
    `INSERT INTO app_user (organization_id, login, display_name, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
    [organizationId, login, displayName, passwordHash],
  );
  const userId = rows[0].id;
  await db.query('DELETE FROM role_assignment WHERE user_id = $1', [userId]);
  const t0 = Date.now() - 400 * DAY;
  await grantRoles(db, [
    ...grants.map(([siteId, role], j) => [organizationId, userId, siteId, role, new Date(t0 + j * DAY), null]),
    ...revoked.map(([siteId, role], j) => [organizationId, userId, siteId, role, new Date(t0 - (j + 1) * DAY), new Date(t0)]),
  ]);
  return userId;
}

const AUDIT_ACTIONS = [['auth.login', 'user', 50], ['user.updated', 'user', 10], ['user.created', 'user', 3], ['role.granted', 'role_assignment', 5], ['role.revoked', 'role_assignment', 2], ['discipline.issued', 'discipline_entry', 8], ['approval.decided', 'approval', 10]];

/** Audit events over the last 90 days (appended; the table is append-only). @param {Db} db */
export async function createAuditEvents(db, { organizationId, siteIds, userIds, logins, count, rng = random(3) }) {
  const now = Date.now();
  const rows = Array.from({ length: count }, () => {
    const [action, entityType] = rng.weighted(AUDIT_ACTIONS.map(([a, e, w]) => [[a, e], w]));
    const actor = rng.int(userIds.length);
    const orgLevel = entityType === 'user' || action === 'auth.login';
    const before = action === 'user.updated' ? JSON.stringify({ locale: 'zh-CN', displayName: '旧名' }) : null;
    const after = action === 'user.updated' ? JSON.stringify({ locale: 'en', displayName: '新名' }) : action === 'auth.login' ? null : JSON.stringify({ n: rng.int(1000) });
    return [organizationId, orgLevel ? null : rng.pick(siteIds), userIds[actor], logins[actor], action, entityType, entityType === 'user' ? rng.pick(userIds) : String(rng.int(1e9)), before, after, new Date(now - rng.next() * 90 * DAY)];
  });
  await insertRows(db, 'audit_event', [['organization_id', 'uuid'], ['site_id', 'uuid'], ['actor_id', 'uuid'], ['actor_login', 'text'], ['action', 'text'], ['entity_type', 'text'], ['entity_id', 'text'], ['before', 'jsonb'], ['after', 'jsonb'], ['at', 'timestamptz']], rows);
  return count;
}

/** Discipline register entries over the last 90 days, 5 % of them voided (appended). @param {Db} db */
export async function createDisciplineEntries(db, { siteIds, userIds, count, rng = random(4) }) {
  const now = Date.now();
  const rows = Array.from({ length: count }, () => {
    const kind = rng.weighted(DISCIPLINE_KINDS.map((k) => [k, k === 'fine' ? 5 : k === 'warning_slip' ? 3 : 1]));
    const amount = kind === 'fine' || kind === 'deduction' || kind === 'bonus' ? (1 + rng.int(20)) * 1000 : 0;
    const issuedAt = new Date(now - rng.next() * 90 * DAY);
    const voided = rng.next() < 0.05;
    return [rng.pick(siteIds), rng.pick(userIds), kind, rng.pick(['ATT-3', 'ATT-11', 'CMP-6', 'GEN-11']), amount, `生成的证据 generated evidence #${rng.int(1e6)}`, 'bench', rng.pick(userIds), issuedAt, voided ? new Date(issuedAt.getTime() + DAY) : null, voided ? 'entered twice' : null];
  });
  await insertRows(db, 'discipline_entry', [['site_id', 'uuid'], ['user_id', 'uuid'], ['kind', 'text'], ['rule_id', 'text'], ['amount_fen', 'bigint'], ['evidence', 'text'], ['source_module', 'text'], ['issued_by', 'uuid'], ['issued_at', 'timestamptz'], ['voided_at', 'timestamptz'], ['void_reason', 'text']], rows);
  return count;
}

/**
 * @typedef {{ prefix?: string, organization?: string, sites?: number, users?: number, roles?: number,
 *   agencies?: number, auditEvents?: number, disciplineEntries?: number, seed?: number }} Volumes
 */

/**
 * Everything at once, then VACUUM ANALYZE of the tables written, so that the planner and the
 * visibility map see the data as a long-running database would.
 * @param {Db} db @param {Volumes} v @param {(m: string) => void} [log]
 */
export async function generate(db, v, log = () => {}) {
  const t0 = Date.now();
  const prefix = v.prefix ?? 'bench';
  const organizationId = await ensureOrganization(db, v.organization ?? 'Bench Realty');
  const siteIds = v.sites ? await createSites(db, { organizationId, prefix, count: v.sites, rng: random(v.seed ?? 1) }) : [];
  const agencyIds = v.users ? await createAgencies(db, { organizationId, prefix, count: v.agencies ?? Math.max(1, Math.round(v.users / 500)) }) : [];
  const users = v.users
    ? await createUsers(db, { organizationId, prefix, count: v.users, roles: v.roles ?? v.users, siteIds, agencyIds, rng: random((v.seed ?? 1) + 1) })
    : { userIds: [], logins: [], created: 0, roleAssignments: 0 };
  if ((v.auditEvents || v.disciplineEntries) && !(siteIds.length && users.userIds.length)) {
    throw new Error('audit events and discipline entries need sites and users: give --sites and --users too');
  }
  if (v.auditEvents) await createAuditEvents(db, { organizationId, siteIds, ...users, count: v.auditEvents, rng: random((v.seed ?? 1) + 2) });
  if (v.disciplineEntries) await createDisciplineEntries(db, { siteIds, ...users, count: v.disciplineEntries, rng: random((v.seed ?? 1) + 3) });
  await db.query('VACUUM (ANALYZE) organization, site, agency, app_user, role_assignment, audit_event, discipline_entry');
  const counts = await tableCounts(db);
  log(`generated in ${Date.now() - t0} ms: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  return { organizationId, siteIds, agencyIds, ...users, counts };
}

/** Row counts of the tables the generator fills (estimates are not good enough for a report). @param {Db} db */
export async function tableCounts(db) {
  const tables = ['site', 'app_user', 'role_assignment', 'audit_event', 'discipline_entry'];
  const { rows } = await db.query(`SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(', ')}`);
  return rows[0];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values: a } = parseArgs({
    options: {
      'database-url': { type: 'string', default: process.env.DATABASE_URL },
      prefix: { type: 'string', default: 'bench' },
      organization: { type: 'string', default: 'Bench Realty' },
      sites: { type: 'string', default: '0' },
      users: { type: 'string', default: '0' },
      roles: { type: 'string' },
      agencies: { type: 'string' },
      'audit-events': { type: 'string', default: '0' },
      discipline: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (a.help || !a['database-url']) {
    console.log('usage: DATABASE_URL=… node bench/generate.mjs [--sites N] [--users N] [--roles N] [--agencies N] [--audit-events N] [--discipline N] [--prefix bench] [--organization "Bench Realty"] [--seed 1] [--database-url URL]');
    process.exit(a.help ? 0 : 2);
  }
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: a['database-url'], max: 2 });
  const num = (s) => (s === undefined ? undefined : Number(s));
  try {
    const r = await generate(pool, {
      prefix: a.prefix, organization: a.organization, sites: num(a.sites), users: num(a.users), roles: num(a.roles), agencies: num(a.agencies),
      auditEvents: num(a['audit-events']), disciplineEntries: num(a.discipline), seed: num(a.seed),
    }, console.log);
    console.log(`organization ${r.organizationId}; ${r.created} new users with ${r.roleAssignments} role assignments; users log in with password "${BENCH_PASSWORD}"`);
  } catch (e) {
    console.error(`generate: ${e.message}`);
    process.exitCode = 1;
  } finally {
    await pool.end();
  }
}
