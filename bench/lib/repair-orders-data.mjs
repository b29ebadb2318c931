// Repair-order data (issue #7): 300,000 repair orders over the last two years on 20 service sites,
// with about a million estimate/work lines.
//
// Called by the repair-order scenarios' setup (`ensureRepairOrders(db, { lib, organizationId })`, with
// generate.mjs's helpers handed in, like lib/complaints-data.mjs). Its own sites (`bench-ro-site-001…020`,
// kind service_centre, Asia/Shanghai, repair_policy version 1 = the `vehicle-service-centre` preset)
// and people (`bench-ro-staff-0001@bench.sitedesk`: per site 4 service advisors, 2 technicians, a
// cashier, a manager), password BENCH_PASSWORD. Per site:
// - 7,500 vehicle files (customer, phone, plate, model, type car 60 % / suv 25 % / mpv 8 % / van 5 % / truck 2 %);
// - 15,000 orders opened in business hours (08:00–18:00 site time) over 730 days, each on a vehicle
//   (about two visits a vehicle), round-robin over the 4 advisors; category maintenance 50 %,
//   repair 35 %, accident 10 %, warranty 5 %;
// - the order's `data` column as the API writes it (repair-order-store.ts dataOf: the domain snapshot
//   without signatures, instants as ISO strings): customer, vehicle, diagnosis (30 %), the estimate with
//   1–6 priced lines (mean ≈3.4: ≈1 million lines; labour at the preset's 120 ¥/h, a part on 70 % of
//   them, original/aftermarket/customer-supplied), promised time, check-in record, dispatch, one work
//   record per line (started/finished), a progress check, quality check, delivery, settlement
//   (due = total − discount; 4 % owe part of it), exit with next service, follow-up task and result;
// - states by age: orders older than 5 days exited 92 %, declined 6 %, settled 1 %, ready 1 %; the last
//   5 days spread over every state (opened … exited, declined) by how far they got;
// - key tags: one per order that reached check-in, unique among the orders holding one (RO-5);
// - signatures (rows): the order (version 1) when signed, exit when exited; timeline events (rows):
//   opened, estimated, signed, checked_in, dispatched, completed, settled, exited / declined as reached.
// Deterministic (seeded, ids derived from site and index) and idempotent: people ON CONFLICT, orders only
// for sites that have none (a second run adds nothing). Batched INSERT … SELECT FROM unnest. Prints its time.
import { createHash } from 'node:crypto';

const DAY = 86_400_000;
const MIN = 60_000;
const pad = (n, width) => String(n).padStart(width, '0');
export const RO_SITES = 20;
export const RO_ORDERS = 300_000;
export const RO_DAYS = 730;
export const roSiteCode = (prefix, i) => `${prefix}-ro-site-${pad(i + 1, 3)}`;
export const roStaffLogin = (prefix, i) => `${prefix}-ro-staff-${pad(i + 1, 4)}@bench.sitedesk`;
/** Per site, in this order: 4 advisors, 2 technicians, a cashier, a manager. */
export const RO_STAFF = ['service_advisor', 'service_advisor', 'service_advisor', 'service_advisor', 'technician', 'technician', 'cashier', 'manager'];
export const RO_OPEN_STATES = ['opened', 'diagnosing', 'diagnosed', 'estimated', 'signed', 'checked_in', 'dispatched', 'in_progress', 'completed', 'quality_checked', 'ready', 'settled'];
const FLOW = [...RO_OPEN_STATES, 'exited'];
const KEY_TAG_STATES = ['checked_in', 'dispatched', 'in_progress', 'completed', 'quality_checked', 'ready', 'settled'];

const uuid = (...parts) => {
  const h = createHash('md5').update(parts.join(':')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const iso = (d) => (d ? d.toISOString() : null);

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const MODELS = ['大众 朗逸', '丰田 卡罗拉', '本田 雅阁', '日产 轩逸', '别克 英朗', '宝马 3系', '奥迪 A4L', '比亚迪 汉', '吉利 博越', '哈弗 H6'];
const JOBS = [
  ['更换机油机滤 oil and filter', 'engine', 50, ['机油 oil', 38_000]],
  ['更换刹车片 brake pads', 'brakes', 120, ['刹车片 brake pads', 46_000]],
  ['四轮定位 wheel alignment', 'suspension', 80, null],
  ['更换空调滤芯 cabin filter', 'hvac', 20, ['空调滤芯 cabin filter', 9_000]],
  ['更换火花塞 spark plugs', 'engine', 90, ['火花塞 spark plugs', 32_000]],
  ['钣金喷漆 body and paint', 'body', 400, ['油漆 paint', 80_000]],
  ['更换蓄电池 battery', 'electrical', 30, ['蓄电池 battery', 65_000]],
  ['变速箱油 transmission fluid', 'transmission', 100, ['变速箱油 ATF', 52_000]],
];
const RATE = 12_000;
const CRITICAL = ['brakes', 'steering', 'suspension', 'engine', 'transmission', 'airbag'];

/**
 * @param {import('pg').Pool} db
 * @param {{ lib: { insertRows: Function, grantRoles: Function, random: Function, benchPasswordHash: () => Promise<string> }, organizationId: string, prefix?: string, sites?: number, orders?: number, days?: number, seed?: number, now?: Date, log?: (s: string) => void }} o
 */
export async function ensureRepairOrders(db, { lib, organizationId, prefix = 'bench', sites = RO_SITES, orders = RO_ORDERS, days = RO_DAYS, seed = 1, now = new Date(), log = console.log }) {
  const t0 = Date.now();
  const { insertRows, grantRoles, random, benchPasswordHash } = lib;
  const { REPAIR_ORDER_PRESETS } = await import('@sitedesk/domain');
  const policy = REPAIR_ORDER_PRESETS['vehicle-service-centre'];
  const perSite = Math.floor(orders / sites);
  const vehiclesPerSite = Math.floor(perSite / 2);

  const siteRows = Array.from({ length: sites }, (_, i) => [organizationId, roSiteCode(prefix, i), `维修 Service ${i + 1}`, 'service_centre', 'Asia/Shanghai']);
  await insertRows(db, 'site', [['organization_id', 'uuid'], ['code', 'text'], ['name', 'text'], ['kind', 'text'], ['time_zone', 'text']], siteRows, { suffix: 'ON CONFLICT DO NOTHING' });
  const siteIds = (await db.query('SELECT id FROM site WHERE code = ANY($1) ORDER BY code', [siteRows.map((r) => r[1])])).rows.map((r) => r.id);
  await insertRows(db, 'repair_policy', [['site_id', 'uuid'], ['version', 'int'], ['policy', 'jsonb']], siteIds.map((id) => [id, 1, JSON.stringify(policy)]), { suffix: 'ON CONFLICT DO NOTHING' });

  const passwordHash = await benchPasswordHash();
  const created = new Date(now.getTime() - (days + 30) * DAY);
  const staffLogins = Array.from({ length: sites * RO_STAFF.length }, (_, i) => roStaffLogin(prefix, i));
  const people = staffLogins.map((login, i) => [organizationId, login, `${SURNAMES[i % SURNAMES.length]}${RO_STAFF[i % RO_STAFF.length]}`, passwordHash, 'zh-CN', created]);
  const inserted = await insertRows(db, 'app_user', [['organization_id', 'uuid'], ['login', 'text'], ['display_name', 'text'], ['password_hash', 'text'], ['locale', 'text'], ['created_at', 'timestamptz']], people, { suffix: 'ON CONFLICT DO NOTHING RETURNING login' });
  const fresh = new Set(inserted.map((r) => r.login));
  const idOf = new Map((await db.query('SELECT id, login FROM app_user WHERE login = ANY($1)', [staffLogins])).rows.map((r) => [r.login, r.id]));
  await grantRoles(db, staffLogins.flatMap((login, i) => (fresh.has(login) ? [[organizationId, idOf.get(login), siteIds[Math.floor(i / RO_STAFF.length)], RO_STAFF[i % RO_STAFF.length], created, null]] : [])));
  const staffOf = (s) => staffLogins.slice(s * RO_STAFF.length, (s + 1) * RO_STAFF.length).map((l) => idOf.get(l));

  const { rows: done } = await db.query('SELECT DISTINCT site_id FROM repair_order WHERE site_id = ANY($1)', [siteIds]);
  const have = new Set(done.map((r) => r.site_id));
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - days * DAY;
  const counts = { vehicle_file: 0, repair_order: 0, lines: 0, repair_order_signature: 0, repair_order_event: 0 };
  const o = { batchSize: 5000 };
  for (let s = 0; s < sites; s++) {
    const siteId = siteIds[s];
    if (have.has(siteId)) continue;
    const rng = random(seed * 7000 + s + 1);
    const staff = staffOf(s);
    const advisors = staff.slice(0, 4);
    const techs = staff.slice(4, 6);
    const cashier = staff[6];
    // Vehicles.
    const vehicles = [];
    const V = [];
    for (let v = 0; v < vehiclesPerSite; v++) {
      const id = uuid('vehicle', prefix, s, v);
      const veh = {
        id,
        plate: `沪${String.fromCharCode(65 + (s % 26))}${pad(v, 5)}`,
        model: MODELS[v % MODELS.length],
        type: rng.weighted([['car', 60], ['suv', 25], ['mpv', 8], ['van', 5], ['truck', 2]]),
        name: `${SURNAMES[v % SURNAMES.length]}${v % 2 ? '先生' : '女士'}`,
        phone: `138${pad((s * vehiclesPerSite + v) % 100_000_000, 8)}`,
        km: 5_000 + rng.int(120_000),
      };
      vehicles.push(veh);
      const visit = new Date(start + rng.int(30) * DAY).toISOString().slice(0, 10);
      V.push([siteId, id, veh.name, '上海市 Shanghai', veh.phone, veh.plate, veh.model, veh.type, veh.km, visit, '首次建档 first visit', visit, veh.km, JSON.stringify({ dueDate: null, dueKm: veh.km + 5000 }), false, advisors[v % 4], 1, created]);
    }
    await insertRows(db, 'vehicle_file', [['site_id', 'uuid'], ['id', 'uuid'], ['customer_name', 'text'], ['address', 'text'], ['phone', 'text'], ['plate', 'text'], ['model', 'text'], ['vehicle_type', 'text'], ['odometer_km', 'int'], ['visit_date', 'date'], ['work_done', 'text'], ['last_service_date', 'date'], ['last_service_km', 'int'], ['next_service', 'jsonb'], ['late', 'boolean'], ['created_by', 'uuid'], ['policy_version', 'int'], ['created_at', 'timestamptz']], V, o);
    counts.vehicle_file += V.length;

    const R = [], S = [], E = [];
    let tag = 0;
    for (let i = 0; i < perSite; i++) {
      const id = uuid('order', prefix, s, i);
      const day = Math.floor((i * days) / perSite);
      // 08:00–18:00 Asia/Shanghai = 00:00–10:00 UTC.
      const openedAt = new Date(start + day * DAY + rng.int(10 * 60) * MIN);
      const age = (now.getTime() - openedAt.getTime()) / DAY;
      if (age < 0) continue;
      const veh = vehicles[(i * 7919) % vehiclesPerSite];
      const advisor = advisors[i % 4];
      const tech = techs[i % 2];
      const category = rng.weighted([['maintenance', 50], ['repair', 35], ['accident', 10], ['warranty', 5]]);
      // Older than 5 days: finished; the last 5 days: the younger, the earlier in the flow.
      let state;
      if (age > 5) state = rng.weighted([['exited', 92], ['declined', 6], ['settled', 1], ['ready', 1]]);
      else if (rng.next() < 0.05) state = 'declined';
      else state = FLOW[Math.max(0, Math.min(FLOW.length - 1, Math.floor((age / 5) * FLOW.length) + rng.int(3) - 1))];
      const reached = (st) => state !== 'declined' && FLOW.indexOf(state) >= FLOW.indexOf(st);
      const t = (h) => new Date(openedAt.getTime() + h * 3600_000);
      const diagnosed = rng.next() < 0.3;
      const nLines = 1 + rng.int(6);
      const lines = [];
      for (let l = 0; l < nLines; l++) {
        const [description, system, hundredths, part] = JOBS[(i + l * 3) % JOBS.length];
        const origin = part ? rng.weighted([['original', 75], ['aftermarket', 20], ['customer', 5]]) : null;
        const p = part ? { supplier: origin === 'customer' ? 'customer' : 'shop', origin: origin === 'customer' ? 'original' : origin, priceFen: part[1], name: part[0] } : null;
        const lf = Math.round((hundredths * RATE) / 100);
        const pf = p && p.supplier === 'shop' ? p.priceFen : 0;
        lines.push({ id: `L${l + 1}`, description, system, labourHundredths: hundredths, part: p, team: system === 'body' ? 'body' : 'mechanical', labourFen: lf, partsFen: pf, totalFen: lf + pf, noGuarantee: !!p && (p.supplier === 'customer' || (p.origin === 'aftermarket' && CRITICAL.includes(system))) });
      }
      const estimated = reached('estimated') || state === 'declined';
      const labour = lines.reduce((x, l) => x + l.labourFen, 0);
      const parts = lines.reduce((x, l) => x + l.partsFen, 0);
      const disclaimerLineIds = lines.filter((l) => l.noGuarantee).map((l) => l.id);
      const estimate = estimated ? { method: 'system', lines, labourFen: labour, partsFen: parts, riskMarginPercent: 0, riskMarginFen: 0, totalFen: labour + parts, disclaimerLineIds, disclaimer: disclaimerLineIds.length ? `客户自购配件或关键部位使用副厂件（${disclaimerLineIds.join('、')}），本厂对其技术质量不作担保。` : null } : null;
      const promisedAt = estimated ? t(6 + nLines * 3) : null;
      const hasTag = reached('checked_in');
      const keyTag = hasTag ? `K${pad((tag++ % 100) + 1, 3)}` : null;
      const dispatchAt = reached('dispatched') ? t(2) : null;
      const finished = reached('completed');
      const total = labour + parts;
      const discountFen = reached('settled') && rng.next() < 0.1 ? Math.round(total * 0.05) : 0;
      const due = total - discountFen;
      const paid = rng.next() < 0.04 ? Math.round(due * 0.5) : due;
      const settledAt = reached('settled') ? t(5 + nLines * 3) : null;
      const exitAt = reached('exited') ? t(6 + nLines * 3) : null;
      const data = {
        id,
        state,
        version: 1,
        openedAt: iso(openedAt),
        advisorId: advisor,
        customer: { name: veh.name, phone: veh.phone },
        vehicle: { plate: veh.plate, model: veh.model, type: veh.type, odometerKm: veh.km + i, kmPerDay: 40 },
        category,
        diagnosis: diagnosed && (reached('diagnosing') || state === 'declined') ? { consentAt: iso(t(0.2)), findings: reached('diagnosed') || state === 'declined' ? '异响来自前刹车 noise from front brakes' : null, recommendation: reached('diagnosed') || state === 'declined' ? '更换刹车片 replace pads' : null, assistedBy: tech, reportHandedOverAt: reached('diagnosed') || state === 'declined' ? iso(t(0.8)) : null } : null,
        estimate,
        qualityNoticeGiven: estimated,
        promisedAt: iso(promisedAt),
        wishes: i % 5 === 0 ? '洗车 wash the car' : null,
        checkIn: hasTag ? { at: iso(t(1)), documents: { received: ['行驶证 licence'], differences: null }, inspection: { exterior: '良好 good', interior: '良好 good', instruments: '正常 ok', anomalies: [] }, belongings: [], keyTag, fuelPercent: 50, odometerKm: veh.km + i } : null,
        dispatch: dispatchAt ? { target: { kind: 'team', team: 'mechanical' }, receiverId: tech, receiverName: '车间 workshop', at: iso(dispatchAt), signedTime: iso(new Date(Math.floor(dispatchAt.getTime() / 600_000) * 600_000)) } : null,
        additional: [],
        work: reached('in_progress') ? lines.map((l, k) => ({ lineId: l.id, startedAt: iso(t(2.5 + k)), startedBy: tech, finishedAt: finished ? iso(t(3 + k)) : null })) : [],
        progressChecks: reached('completed') ? [{ at: iso(t(2 + 0.75 * (4 + nLines * 3))), by: advisor, anomalies: null, action: null }] : [],
        qualityChecks: reached('quality_checked') ? [{ at: iso(t(4 + nLines * 3)), by: tech, passed: true, notes: '合格 passed', reworkLineIds: [] }] : [],
        delivery: reached('ready') ? { at: iso(t(4.5 + nLines * 3)), cleaned: true, belongingsReturned: true } : null,
        discount: null,
        settlement: settledAt ? { at: iso(settledAt), by: cashier, totalFen: total, discountFen, dueFen: due, paidFen: paid, receivableFen: due - paid } : null,
        exit: exitAt ? { at: iso(exitAt), documents: { repairOrder: true, settlement: true, warrantyCertificate: true }, nextService: { dueDate: null, dueKm: veh.km + i + 5000 } } : null,
        decline: state === 'declined' ? { at: iso(t(1)), kind: 'declined', reason: '价格 price', feeFen: 0 } : null,
        followUp: exitAt ? { plannedAt: iso(new Date(exitAt.getTime() + 2 * DAY)), dueBy: iso(new Date(exitAt.getTime() + 7 * DAY)), assigneeRole: 'service_advisor' } : null,
        followUpResult: exitAt && age > 7 ? { at: iso(new Date(exitAt.getTime() + 3 * DAY)), by: advisor, answers: { solved: true, attitude: 'satisfied', charged: false, score: 9, suggestions: '' }, verdict: 'satisfied' } : null,
      };
      delete data.id; delete data.state; delete data.version; delete data.advisorId;
      const exitNotice = state === 'declined' ? { kind: 'declined', feeFen: 0, feeLines: [], at: iso(t(1)) } : exitAt ? { kind: 'repaired', feeFen: 0, feeLines: [], at: iso(exitAt) } : null;
      R.push([siteId, id, veh.id, state, 1, advisor, veh.plate, category, keyTag, openedAt, promisedAt, JSON.stringify({ id, state, version: 1, advisorId: advisor, ...data }), exitNotice && JSON.stringify(exitNotice), 1, openedAt, exitAt ?? settledAt ?? openedAt]);
      counts.lines += lines.length + data.work.length;
      const ev = (at, type, actor, ruleIds) => E.push([siteId, uuid('event', prefix, s, i, type), id, at, type, actor, JSON.stringify({}), JSON.stringify(ruleIds), 1]);
      ev(openedAt, 'repair_order.opened', advisor, ['RO-1']);
      if (estimated) ev(t(0.9), 'repair_order.estimated', advisor, ['RO-3']);
      if (reached('signed')) {
        ev(t(0.95), 'repair_order.signed', advisor, ['RO-4']);
        S.push([siteId, uuid('sig', prefix, s, i, 'order'), id, 'order', veh.name, t(0.95), 1, advisor]);
      }
      if (hasTag) ev(t(1), 'repair_order.checked_in', advisor, ['RO-5']);
      if (dispatchAt) ev(dispatchAt, 'repair_order.dispatched', advisor, ['RO-6']);
      if (finished) ev(t(3 + nLines), 'repair_order.completed', tech, ['RO-7']);
      if (settledAt) ev(settledAt, 'repair_order.settled', cashier, ['RO-9']);
      if (exitAt) {
        ev(exitAt, 'repair_order.exited', advisor, ['RO-9']);
        S.push([siteId, uuid('sig', prefix, s, i, 'exit'), id, 'exit', veh.name, exitAt, 1, advisor]);
      }
      if (state === 'declined') ev(t(1), 'repair_order.declined', advisor, ['RO-4']);
    }
    // RO-5: a tag is held by one open order at most: renumber the holders K001… (exited orders keep theirs).
    let held = 0;
    for (const r of R) if (KEY_TAG_STATES.includes(r[3])) r[8] = `K${pad(++held, 3)}`;
    await insertRows(db, 'repair_order', [['site_id', 'uuid'], ['id', 'uuid'], ['vehicle_id', 'uuid'], ['state', 'text'], ['version', 'int'], ['advisor_id', 'uuid'], ['plate', 'text'], ['category', 'text'], ['key_tag', 'text'], ['opened_at', 'timestamptz'], ['promised_at', 'timestamptz'], ['data', 'jsonb'], ['exit_notice', 'jsonb'], ['policy_version', 'int'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['vehicle_type', 'text'], ['settled_at', 'timestamptz'], ['due_fen', 'bigint'], ['paid_fen', 'bigint'], ['awaiting_answer', 'boolean']], R.map((r) => { const d = JSON.parse(r[11]); delete d.id; delete d.state; delete d.version; delete d.advisorId; if (d.checkIn) d.checkIn.keyTag = r[8]; const st = d.settlement ?? null; /* the promoted columns, as the API writes them with `data` (repair-order-store.ts promotedColumnsOf, the domain's awaitingAnswer) */ const awaiting = (d.additional ?? []).some((x) => !x.consent) || (!!d.discount && !d.discount.decision); return [...r.slice(0, 11), JSON.stringify({ ...d, id: r[1], state: r[3], version: 1, advisorId: r[5] }), ...r.slice(12), d.vehicle.type, st?.at ?? null, st?.dueFen ?? null, st?.paidFen ?? null, awaiting]; }), o);
    await insertRows(db, 'repair_order_signature', [['site_id', 'uuid'], ['id', 'uuid'], ['order_id', 'uuid'], ['purpose', 'text'], ['signer', 'text'], ['at', 'timestamptz'], ['version', 'int'], ['recorded_by', 'uuid']], S, o);
    await insertRows(db, 'repair_order_event', [['site_id', 'uuid'], ['id', 'uuid'], ['order_id', 'uuid'], ['at', 'timestamptz'], ['type', 'text'], ['actor_id', 'uuid'], ['data', 'jsonb'], ['rule_ids', 'jsonb'], ['policy_version', 'int']], E, o);
    counts.repair_order += R.length;
    counts.repair_order_signature += S.length;
    counts.repair_order_event += E.length;
  }
  if (counts.repair_order) await db.query('VACUUM (ANALYZE) vehicle_file, repair_order, repair_order_signature, repair_order_event, repair_policy');
  const seconds = (Date.now() - t0) / 1000;
  log(`repair orders: ${sites} sites, ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')} written in ${seconds.toFixed(1)} s`);
  return { siteIds, staffOf: siteIds.map((_, s) => staffOf(s)), staffLogins, perSite, days, counts, seconds };
}
