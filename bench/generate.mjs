// The data generator: realistic volumes written straight to PostgreSQL with SQL, in batches.
// Used by the runner (each scenario states the volumes it needs) and standalone:
//
//   DATABASE_URL=postgres://… node bench/generate.mjs --sites 50 --users 5000 --roles 20000 \
//     [--audit-events 100000] [--discipline 20000] [--prefix bench] [--organization "Bench Realty"] [--seed 1]
//   DATABASE_URL=postgres://… node bench/generate.mjs --attendance-sites 20 --attendance-staff 2000 [--attendance-days 365]
//
// Everything it creates is named after --prefix (site codes `bench-site-001`, logins
// `bench-user-00001@bench.sitedesk`), so a second run with the same options adds no sites, users or
// roles; audit events and discipline entries are appended on every run. Attendance data has its own
// sites and people (`bench-att-site-001`, `bench-att-user-00001@bench.sitedesk`) and is topped up per
// site after the last date already there (see createAttendance). The schema must exist (run the
// migrations first). Nothing is deleted, except the role assignments of a user that createUser()
// sets up afresh for a scenario. It prints how long it took.
import { hash } from '@node-rs/argon2';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ATTENDANCE_TIME_ZONE } from './lib/attendance.mjs';

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
const domain = await loadDomain();
const { ROLES, DISCIPLINE_KINDS } = domain;

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
 * @param {{ suffix?: string, batchSize?: number }} [opts]  e.g. `ON CONFLICT DO NOTHING RETURNING id`; rows per statement (1,000)
 * @returns {Promise<any[]>} the returned rows of every batch
 */
export async function insertRows(db, table, columns, rows, { suffix = '', batchSize = BATCH } = {}) {
  const names = columns.map(([n]) => `"${n}"`).join(', ');
  const arrays = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays}) ${suffix}`;
  const out = [];
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
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

// ---- attendance ------------------------------------------------------------------------------

/** Which preset each attendance site runs (by site number, repeating): mostly sales offices, as in the seeds. */
const ATTENDANCE_PRESETS = /** @type {const} */ (['case-site', 'case-site', 'hotel-sales', 'case-site', 'call-centre', 'case-site', 'on-site-ops', 'hotel-sales', 'case-site', 'trampoline-park']);
/** Role of the n-th person of a site (one role each, on one site): a manager, a clerk, supervisors, the rest front-line staff. */
function attendanceRole(n, preset) {
  if (n === 0) return 'manager';
  if (n === 1) return 'clerk';
  if (n < 4) return 'supervisor';
  if (n === 4) return 'receptionist';
  if (preset === 'call-centre') return 'cs_agent';
  if (preset === 'hotel-sales') return ['service_advisor', 'technician', 'cashier', 'cs_agent'][n % 4];
  return 'consultant';
}
/** The attendance of a scheduled day: most people on time, some late, a few very late (absent by ATT-5), absent, on leave, leaving early or forgetting to clock out. */
const DAY_OUTCOMES = /** @type {[string, number][]} */ ([
  ['on_time', 835], ['late', 80], ['very_late', 7], ['early_leave', 30], ['no_clock_out', 10], ['absent', 12], ['leave', 26],
]);
const LEAVE_MIX = /** @type {[string, number][]} */ ([['personal', 50], ['annual', 35], ['sick', 15]]);
const MINUTE = 60_000;

export const attendanceUserLogin = (prefix, i) => userLogin(`${prefix}-att`, i);

/**
 * Attendance data: `sites` sites (codes `<prefix>-att-site-001…`) with `staff` people spread evenly,
 * one role each on one site; per site version 1 of a preset policy (the API's own `attendance_policy`
 * rows, shifts as the presets define them), a rota for every day from `days` days ago until two
 * weeks ahead (rest days stored as a null shift, like the console's grid) with every week published,
 * and for every scheduled day before today the punches of a realistic month: on time, late, very
 * late, early leave, a forgotten clock-out, absent, or on approved leave (a leave request); a few
 * clock-ins entered as corrections. Today and later have no punches: the clock-in scenarios make them.
 *
 * A second run with the same options on the same day adds nothing: people are created once, and the
 * rota and punches of a site are topped up only after the last date already there.
 * @param {Db} db
 * @returns {Promise<{ siteIds: string[], siteCodes: string[], presets: string[], userIds: string[][], logins: string[][], managers: string[], today: string, from: string, rows: { schedule: number, punches: number, leave: number } }>}
 */
export async function createAttendance(db, { organizationId, prefix, sites, staff, days = 365, seed = 1, now = new Date(), log = () => {} }) {
  const { PRESETS, addDays, weekOf, weekday, localDate, shiftBounds } = domain;
  const timeZone = ATTENDANCE_TIME_ZONE;
  const today = localDate(now, timeZone);
  const from = addDays(today, -days);
  const until = addDays(today, 13);
  const perSite = Math.floor(staff / sites);
  if (perSite < 5) throw new Error('attendance needs at least 5 people per site');
  const attPrefix = `${prefix}-att`;
  const presets = Array.from({ length: sites }, (_, i) => ATTENDANCE_PRESETS[i % ATTENDANCE_PRESETS.length]);
  const siteRows = presets.map((preset, i) => [organizationId, siteCode(attPrefix, i), `${CITIES[i % CITIES.length]} 考勤 Attendance ${i + 1} (${preset})`, preset === 'hotel-sales' ? 'service_centre' : 'sales_office', timeZone]);
  await insertRows(db, 'site', [['organization_id', 'uuid'], ['code', 'text'], ['name', 'text'], ['kind', 'text'], ['time_zone', 'text']], siteRows, { suffix: 'ON CONFLICT DO NOTHING' });
  const { rows: siteIdRows } = await db.query('SELECT id, code FROM site WHERE code = ANY($1) ORDER BY code', [siteRows.map((r) => r[1])]);
  const siteIds = siteIdRows.map((r) => r.id);
  await insertRows(db, 'attendance_policy', [['site_id', 'uuid'], ['version', 'int'], ['effective_from', 'date'], ['policy', 'jsonb']],
    siteIds.map((id, i) => [id, 1, '2000-01-01', JSON.stringify(PRESETS[presets[i]])]), { suffix: 'ON CONFLICT DO NOTHING' });

  // People: created once (ON CONFLICT on the login); only the new ones get their role.
  const passwordHash = await benchPasswordHash();
  const names = random(seed + 10);
  const logins = siteIds.map((_, s) => Array.from({ length: perSite }, (_, n) => attendanceUserLogin(prefix, s * perSite + n)));
  const inserted = await insertRows(db, 'app_user',
    [['organization_id', 'uuid'], ['login', 'text'], ['display_name', 'text'], ['password_hash', 'text'], ['locale', 'text'], ['created_at', 'timestamptz']],
    logins.flat().map((login, i) => [organizationId, login, `${SURNAMES[i % SURNAMES.length]}${names.pick(GIVEN)}${names.pick(GIVEN)}`, passwordHash, 'zh-CN', new Date(now.getTime() - (days + 30) * DAY)]),
    { suffix: 'ON CONFLICT DO NOTHING RETURNING id, login' });
  const { rows: userRows } = await db.query('SELECT id, login FROM app_user WHERE login = ANY($1)', [logins.flat()]);
  const idOf = new Map(userRows.map((r) => [r.login, r.id]));
  const userIds = logins.map((list) => list.map((l) => /** @type {string} */ (idOf.get(l))));
  const fresh = new Set(inserted.map((r) => r.login));
  await grantRoles(db, logins.flatMap((list, s) => list.flatMap((login, n) => (fresh.has(login) ? [[organizationId, idOf.get(login), siteIds[s], attendanceRole(n, presets[s]), new Date(now.getTime() - (days + 30) * DAY + n * 1000), null]] : []))));
  const managers = userIds.map((list) => list[0]);

  const counts = { schedule: 0, punches: 0, leave: 0 };
  const week0 = (d) => weekOf(d)[0];
  const weekNumber = (d) => Math.floor(new Date(`${week0(d)}T00:00:00Z`).getTime() / (7 * DAY));
  for (let s = 0; s < siteIds.length; s++) {
    const siteId = siteIds[s];
    const policy = PRESETS[presets[s]];
    const rng = random(seed * 1000 + s);
    const [{ rows: [r1] }, { rows: [r2] }] = await Promise.all([
      db.query('SELECT max(date)::text AS d FROM schedule_entry WHERE site_id = $1', [siteId]),
      db.query('SELECT max(shift_date)::text AS d FROM punch WHERE site_id = $1', [siteId]),
    ]);
    const rotaFrom = r1.d ? addDays(r1.d, 1) : from;
    const punchFrom = r2.d ? addDays(r2.d, 1) : from;
    /** The shift code of person n on a date, or null for a rest day (ATT-2: six-day sites rest one rotating weekday, nobody at weekends). */
    const shiftOf = (n, date) => {
      const wd = weekday(date);
      const wn = weekNumber(date);
      if (policy.sixDayWeek) return wd <= 5 && (n + wn) % 5 === wd - 1 ? null : policy.shifts[0].code;
      if (presets[s] === 'call-centre') {
        const rest = (n + wn) % 7;
        if (wd - 1 === rest || wd - 1 === (rest + 1) % 7) return null;
        return policy.shifts[(n + wn) % policy.shifts.length].code;
      }
      return wd >= 6 ? null : policy.shifts[0].code;
    };
    const schedule = [];
    for (let date = rotaFrom; date <= until; date = addDays(date, 1)) {
      for (let n = 0; n < perSite; n++) schedule.push([siteId, userIds[s][n], date, shiftOf(n, date), managers[s], new Date(`${addDays(week0(date), -7)}T02:00:00Z`)]);
    }
    await insertRows(db, 'schedule_entry', [['site_id', 'uuid'], ['user_id', 'uuid'], ['date', 'date'], ['shift_code', 'text'], ['updated_by', 'uuid'], ['updated_at', 'timestamptz']], schedule, { suffix: 'ON CONFLICT DO NOTHING', batchSize: 5000 });
    const weeks = [];
    for (let w = week0(from); w <= until; w = addDays(w, 7)) weeks.push([siteId, w, managers[s], new Date(`${addDays(w, -4)}T09:00:00Z`)]);
    await insertRows(db, 'rota_publication', [['site_id', 'uuid'], ['week_start', 'date'], ['published_by', 'uuid'], ['published_at', 'timestamptz']], weeks, { suffix: 'ON CONFLICT DO NOTHING' });

    const punches = [];
    const leave = [];
    const at = (base, minutes) => new Date(base.getTime() + minutes * MINUTE + rng.int(60) * 1000);
    for (let date = punchFrom; date < today; date = addDays(date, 1)) {
      for (let n = 0; n < perSite; n++) {
        const code = shiftOf(n, date);
        if (!code) continue;
        const userId = userIds[s][n];
        const segments = shiftBounds(date, policy.shifts.find((t) => t.code === code), timeZone);
        const outcome = rng.weighted(DAY_OUTCOMES);
        if (outcome === 'absent') continue;
        if (outcome === 'leave') {
          const type = rng.weighted(LEAVE_MIX);
          const start = segments[0].from;
          const end = segments[segments.length - 1].to;
          const requestedAt = type === 'sick' ? new Date(start.getTime() - (90 + rng.int(60)) * MINUTE) : new Date(start.getTime() - (2 + rng.int(9)) * DAY);
          const back = addDays(date, 1);
          const certificate = type === 'sick' && rng.next() < 0.85 ? new Date(end.getTime() + 20 * 3_600_000) : null;
          leave.push([siteId, userId, type, start, end, type === 'sick' ? '发烧 fever' : '家中有事 family matters', false, 'approved', '[]', requestedAt, type === 'sick' ? back : null, certificate, 1]);
          continue;
        }
        const deadline = (seg) => new Date(seg.from.getTime() - policy.handoverMinutes * MINUTE);
        segments.forEach((seg, i) => {
          // The day's mishap happens on one segment (the first clock-in, the last clock-out).
          const first = i === 0;
          const lastSeg = i === segments.length - 1;
          const inMinutes = first && outcome === 'late' ? 1 + rng.int(45) : first && outcome === 'very_late' ? 61 + rng.int(90) : -(1 + rng.int(25));
          const corrected = rng.next() < 0.005;
          const inAt = at(deadline(seg), inMinutes);
          punches.push([siteId, userId, 'in', inAt, date, i, corrected ? 'correction' : 'personal', corrected ? null : `10.${s}.${n >> 8}.${n & 255}`, corrected ? '忘记打卡 forgot to clock in' : null, corrected ? managers[s] : null, corrected ? new Date(inAt.getTime() + DAY) : inAt]);
          if (lastSeg && outcome === 'no_clock_out') return;
          const outMinutes = lastSeg && outcome === 'early_leave' ? -(1 + rng.int(50)) : rng.int(45);
          const outAt = at(seg.to, outMinutes);
          punches.push([siteId, userId, 'out', outAt, date, i, 'personal', `10.${s}.${n >> 8}.${n & 255}`, null, null, outAt]);
        });
      }
    }
    await insertRows(db, 'punch',
      [['site_id', 'uuid'], ['user_id', 'uuid'], ['kind', 'text'], ['at', 'timestamptz'], ['shift_date', 'date'], ['segment', 'int'], ['source', 'text'], ['ip', 'text'], ['correction_reason', 'text'], ['corrected_by', 'uuid'], ['created_at', 'timestamptz']],
      punches, { suffix: 'ON CONFLICT DO NOTHING', batchSize: 5000 });
    await insertRows(db, 'leave_request',
      [['site_id', 'uuid'], ['user_id', 'uuid'], ['type', 'text'], ['from_at', 'timestamptz'], ['to_at', 'timestamptz'], ['reason', 'text'], ['emergency', 'boolean'], ['status', 'text'], ['approval_steps', 'jsonb'], ['requested_at', 'timestamptz'], ['first_day_back', 'date'], ['certificate_at', 'timestamptz'], ['policy_version', 'int']],
      leave, { batchSize: 5000 });
    counts.schedule += schedule.length;
    counts.punches += punches.length;
    counts.leave += leave.length;
    log(`attendance site ${s + 1}/${siteIds.length} (${presets[s]}): ${schedule.length} rota days, ${punches.length} punches, ${leave.length} leave requests`);
  }
  return { siteIds, siteCodes: siteRows.map((r) => r[1]), presets, userIds, logins, managers, today, from, rows: counts };
}

/**
 * @typedef {{ prefix?: string, organization?: string, sites?: number, users?: number, roles?: number,
 *   agencies?: number, auditEvents?: number, disciplineEntries?: number, seed?: number,
 *   attendanceSites?: number, attendanceStaff?: number, attendanceDays?: number, customers?: number }} Volumes
 * (attendance: its own sites and people, see createAttendance; `attendanceDays` defaults to 365)
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
  const tA = Date.now();
  const attendance = v.attendanceSites && v.attendanceStaff
    ? await createAttendance(db, { organizationId, prefix, sites: v.attendanceSites, staff: v.attendanceStaff, days: v.attendanceDays ?? 365, seed: v.seed ?? 1, log })
    : null;
  if (attendance) log(`attendance written in ${Date.now() - tA} ms (${attendance.rows.punches} punches, ${attendance.rows.schedule} rota days, ${attendance.rows.leave} leave requests added)`);
  // Client attribution (issue #4): `customers` customers on their own sites, 200 agencies (bench/lib/clients-data.mjs).
  const clients = v.customers ? await (await import('./lib/clients-data.mjs')).createClients(db, { lib: { insertRows, grantRoles, random, benchPasswordHash }, organizationId, prefix, customers: v.customers, seed: v.seed ?? 1, log }) : null;
  const tV = Date.now();
  await db.query('VACUUM (ANALYZE) organization, site, agency, app_user, role_assignment, audit_event, discipline_entry, attendance_policy, schedule_entry, rota_publication, punch, leave_request');
  const counts = await tableCounts(db);
  const ms = Date.now() - t0;
  log(`generated in ${ms} ms (VACUUM ANALYZE ${Date.now() - tV} ms): ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  return { organizationId, siteIds, agencyIds, ...users, attendance, clients, counts, generationMs: ms };
}

/** Row counts of the tables the generator fills (estimates are not good enough for a report). @param {Db} db */
export async function tableCounts(db) {
  const tables = ['site', 'app_user', 'role_assignment', 'audit_event', 'discipline_entry', 'schedule_entry', 'punch', 'leave_request'];
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
      'attendance-sites': { type: 'string', default: '0' },
      'attendance-staff': { type: 'string', default: '0' },
      'attendance-days': { type: 'string', default: '365' },
      customers: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (a.help || !a['database-url']) {
    console.log('usage: DATABASE_URL=… node bench/generate.mjs [--sites N] [--users N] [--roles N] [--agencies N] [--audit-events N] [--discipline N] [--attendance-sites N --attendance-staff N [--attendance-days 365]] [--prefix bench] [--organization "Bench Realty"] [--seed 1] [--database-url URL]');
    process.exit(a.help ? 0 : 2);
  }
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: a['database-url'], max: 2 });
  const num = (s) => (s === undefined ? undefined : Number(s));
  try {
    const r = await generate(pool, {
      prefix: a.prefix, organization: a.organization, sites: num(a.sites), users: num(a.users), roles: num(a.roles), agencies: num(a.agencies),
      auditEvents: num(a['audit-events']), disciplineEntries: num(a.discipline), seed: num(a.seed),
      attendanceSites: num(a['attendance-sites']), attendanceStaff: num(a['attendance-staff']), attendanceDays: num(a['attendance-days']), customers: num(a.customers),
    }, console.log);
    console.log(`generation took ${(r.generationMs / 1000).toFixed(1)} s`);
    console.log(`organization ${r.organizationId}; ${r.created} new users with ${r.roleAssignments} role assignments; users log in with password "${BENCH_PASSWORD}"`);
  } catch (e) {
    console.error(`generate: ${e.message}`);
    process.exitCode = 1;
  } finally {
    await pool.end();
  }
}
