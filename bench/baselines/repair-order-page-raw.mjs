// The raw baseline for GET /api/v1/repair-orders/{id} (issue #7, the order page): plain Fastify + pg +
// jsonwebtoken doing what RepairOrdersService.get/detail does, and nothing more: the order's site
// row by id (one statement since issue #7), the site's roles (404 on another site, 403 without a reader
// role), its signatures (ORDER BY at, id), its policy version (kept once read), its timeline (repair_order_event ORDER BY at, id),
// the display names of the advisor and the timeline's actors — the same statements in the same order.
import { currentTotals } from '@sitedesk/domain';
import { base, jsonSafe, namesOf, orderDto, policyVersion, problem, READERS, SQL, UUID } from './advisor-desk-raw.mjs';

// The parts of `data` as stored (issue #7: the API no longer revives and re-serializes them).
const part = (d, k) => (d[k] == null ? null : d[k]);
const list = (d, k) => d[k] ?? [];

export async function createServer(opts) {
  const { pool, siteOf, claimsOf, rolesOn, app } = base(opts);
  app.get('/api/v1/repair-orders/:id', async (req, reply) => {
    const claims = claimsOf(req);
    if (!claims) return problem(reply, 401, 'Unauthorized');
    const id = /** @type {any} */ (req.params).id;
    if (!UUID.test(id)) return problem(reply, 400, 'Bad Request', { code: 'VALIDATION_FAILED' });
    // The whole row at once, as the API's get() (issue #7): its site decides access.
    const r = (await pool.query('SELECT * FROM repair_order WHERE id = $1 LIMIT 1', [id])).rows[0];
    if (!r) return problem(reply, 404, 'Not Found');
    const site = await siteOf(r.site_id);
    const held = rolesOn(claims, site);
    if (!site || !held.length) return problem(reply, 404, 'Not Found');
    if (!held.some((r) => READERS.includes(r))) return problem(reply, 403, 'Forbidden');
    const now = new Date();
    const sigs = (await pool.query(SQL.signatures, [[id]])).rows;
    const policy = await policyVersion(pool, site.id, r.policy_version);
    const timeline = (await pool.query('SELECT * FROM repair_order_event WHERE order_id = $1 ORDER BY at ASC, id ASC', [id])).rows;
    const names = await namesOf(pool, [r.advisor_id, ...timeline.map((e) => e.actor_id)]);
    const { _s: s, ...dto } = orderDto(r, sigs, policy, names, now);
    const totals = currentTotals(s);
    return {
      ...dto,
      diagnosis: part(r.data, 'diagnosis'),
      estimate: part(r.data, 'estimate'),
      totals: totals == null ? null : jsonSafe(totals),
      wishes: s.wishes,
      checkIn: part(r.data, 'checkIn'),
      dispatch: part(r.data, 'dispatch'),
      additional: list(r.data, 'additional'),
      work: list(r.data, 'work'),
      progressChecks: list(r.data, 'progressChecks'),
      qualityChecks: list(r.data, 'qualityChecks'),
      delivery: part(r.data, 'delivery'),
      discount: part(r.data, 'discount'),
      settlement: part(r.data, 'settlement'),
      exit: part(r.data, 'exit'),
      decline: part(r.data, 'decline'),
      exitNotice: r.exit_notice,
      followUp: part(r.data, 'followUp'),
      followUpResult: part(r.data, 'followUpResult'),
      signatures: sigs.map((x) => ({ purpose: x.purpose, signer: x.signer, at: x.at, version: x.version, recordedBy: x.recorded_by })),
      timeline: timeline.map((e) => ({ at: e.at, type: e.type, actorId: e.actor_id, actorName: e.actor_id ? (names.get(e.actor_id) ?? '') : 'system', data: e.data, ruleIds: e.rule_ids, policyVersion: e.policy_version })),
    };
  });
  return app;
}
