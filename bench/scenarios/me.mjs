// GET /api/v1/me with a valid access token, as a user holding roles on several sites of an
// organization of 50 sites, 5,000 users and 20,000 role assignments.
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD, createUser } from '../generate.mjs';

const LOGIN = 'bench-me@bench.sitedesk';

/** @type {import('../run.mjs').Scenario} */
export default {
  name: 'me',
  title: 'GET /api/v1/me, user with 6 roles on 5 sites',
  data: { sites: 50, users: 5000, roles: 20000 },
  baseline: fileURLToPath(new URL('../baselines/me-raw.mjs', import.meta.url)),

  async setup({ db, data, app }) {
    const s = data.siteIds;
    await createUser(db, {
      organizationId: data.organizationId,
      login: LOGIN,
      displayName: '基准用户 Bench User',
      grants: [[s[0], 'manager'], [s[0], 'supervisor'], [s[7], 'consultant'], [s[14], 'consultant'], [s[21], 'consultant'], [s[28], 'cs_agent']],
      revoked: [[s[35], 'consultant']],
    });
    const token = await app.login(LOGIN, BENCH_PASSWORD);
    return { method: 'GET', path: '/api/v1/me', headers: { authorization: `Bearer ${token}` } };
  },
};
