// The raw baseline for GET /api/v1/repair-orders/{id} (issue #7, the order page): plain Fastify + pg +
// jsonwebtoken doing what RepairOrdersService.get/detail does, and nothing more: the order's site
// (id, site_id by id), the site's roles (404 on another site, 403 without a reader role), the order row,
// its signatures (ORDER BY at, id), its policy version, its timeline (repair_order_event ORDER BY at, id),
// the display names of the advisor and the timeline's actors — the same statements in the same order.
import { currentTotals } from '@sitedesk/domain';
import { base, jsonSafe, namesOf, orderDto, problem, READERS, SQL, UUID } from './advisor-desk-raw.mjs';

const obj = (v) => (v == null ? null : jsonSafe(v));

export async function createServer(opts) {
  const { pool, siteOf, claimsOf, rolesOn, app } = base(opts);
  app.get('/api/v1/repair-orders/:id', async (req, reply) => {
    const claims = claimsOf(req);
    if (!claims) return problem(reply, 401, 'Unauthorized');
    const id = /** @type {any} */ (req.params).id;
    if (!UUID.test(id)) return problem(reply, 400, 'Bad Request', { code: 'VALIDATION_FAILED' });
    const peek = (await pool.query('SELECT id, site_id FROM repair_order WHERE id = $1 LIMIT 1', [id])).rows[0];
    if (!peek) return problem(reply, 404, 'Not Found');
    const site = await siteOf(peek.site_id);
    const held = rolesOn(claims, site);
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.some((r) => READERS.includes(r))) return problem(reply, 403, 'Forbidden');
    const now = new Date();
    const r = (await pool.query('SELECT * FROM repair_order WHERE id = $1 AND site_id = $2 LIMIT 1', [id, site.id])).rows[0];
    const sigs = (await pool.query(SQL.signatures, [[id]])).rows;
    const policy = (await pool.query(SQL.policyVersion, [site.id, r.policy_version])).rows[0].policy;
    const timeline = (await pool.query('SELECT * FROM repair_order_event WHERE order_id = $1 ORDER BY at ASC, id ASC', [id])).rows;
    const names = await namesOf(pool, [r.advisor_id, ...timeline.map((e) => e.actor_id)]);
    const { _s: s, ...dto } = orderDto(r, sigs, policy, names, now);
    return {
      ...dto,
      diagnosis: obj(s.diagnosis),
      estimate: obj(s.estimate),
      totals: obj(currentTotals(s)),
      wishes: s.wishes,
      checkIn: obj(s.checkIn),
      dispatch: obj(s.dispatch),
      additional: jsonSafe(s.additional),
      work: jsonSafe(s.work),
      progressChecks: jsonSafe(s.progressChecks),
      qualityChecks: jsonSafe(s.qualityChecks),
      delivery: obj(s.delivery),
      discount: obj(s.discount),
      settlement: obj(s.settlement),
      exit: obj(s.exit),
      decline: obj(s.decline),
      exitNotice: r.exit_notice,
      followUp: obj(s.followUp),
      followUpResult: obj(s.followUpResult),
      signatures: sigs.map((x) => ({ purpose: x.purpose, signer: x.signer, at: x.at, version: x.version, recordedBy: x.recorded_by })),
      timeline: timeline.map((e) => ({ at: e.at, type: e.type, actorId: e.actor_id, actorName: e.actor_id ? (names.get(e.actor_id) ?? '') : 'system', data: e.data, ruleIds: e.rule_ids, policyVersion: e.policy_version })),
    };
  });
  return app;
}
