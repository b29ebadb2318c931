// The raw baseline for GET /api/v1/repair-orders/statistics (RO-12, issue #7): plain Fastify + pg +
// jsonwebtoken doing what RepairOrdersService.statistics does: the same single statement (the settled
// orders of the site whose settled_at column falls in the site-local period — the columns of migration
// 1764720000000, no `data` read) and the domain's repairOrderStatistics over the same facts; the same JSON.
import { addDays, repairOrderStatistics, zonedTime } from '@sitedesk/domain';
import { base, problem, UUID } from './advisor-desk-raw.mjs';

const STATISTICS_READERS = ['cashier', 'supervisor', 'manager', 'director', 'admin'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SQL = `SELECT id, category, vehicle_type, settled_at, due_fen, paid_fen
         FROM repair_order
        WHERE site_id = $1 AND settled_at IS NOT NULL AND settled_at >= $2 AND settled_at < $3`;

export async function createServer(opts) {
  const { pool, siteOf, claimsOf, rolesOn, app } = base(opts);
  app.get('/api/v1/repair-orders/statistics', async (req, reply) => {
    const claims = claimsOf(req);
    if (!claims) return problem(reply, 401, 'Unauthorized');
    const q = /** @type {Record<string, string>} */ (req.query);
    if (!UUID.test(q.siteId ?? '') || !['week', 'month'].includes(q.period) || !DATE.test(q.from ?? '') || !DATE.test(q.to ?? '')) return problem(reply, 400, 'Bad Request', { code: 'VALIDATION_FAILED' });
    const site = await siteOf(q.siteId);
    const held = rolesOn(claims, site);
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.some((r) => STATISTICS_READERS.includes(r))) return problem(reply, 403, 'Forbidden');
    if (q.to < q.from || Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`) > 400 * 86_400_000) return problem(reply, 400, 'Bad Request', { code: 'VALIDATION_FAILED' });
    const rows = (await pool.query(SQL, [site.id, zonedTime(q.from, '00:00', site.timeZone), zonedTime(addDays(q.to, 1), '00:00', site.timeZone)])).rows;
    const facts = rows.map((r) => ({ id: r.id, settledAt: new Date(r.settled_at), vehicleType: r.vehicle_type, category: r.category, dueFen: Number(r.due_fen), paidFen: Number(r.paid_fen) }));
    return { period: q.period, from: q.from, to: q.to, rows: repairOrderStatistics(facts, q.period, site.timeZone) };
  });
  return app;
}
