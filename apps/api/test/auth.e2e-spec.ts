import jwt from 'jsonwebtoken';
import { startSecondProcess } from './support/second-process.js';
import { isProblem, startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';

const PASSWORD = 'sitedesk-demo';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ listen: true })));
  afterAll(() => t.close());

  const login = (login: string, password = PASSWORD, ip?: string) => {
    const r = t.http().post('/api/v1/auth/login');
    if (ip) r.set('x-forwarded-for', ip);
    return r.send({ login, password });
  };

  it('signs in with login and password and answers the user, sites and roles at /me', async () => {
    const res = await login('Manager@Demo.Sitedesk');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ login: 'manager@demo.sitedesk', organizationName: 'Demo Realty', locale: 'zh-CN', organizationRoles: [] });
    expect(me.body.sites).toEqual([expect.objectContaining({ code: 'demo-sales', timeZone: 'Asia/Shanghai', roles: ['manager'] })]);
  });

  it('gives the organization admin every site', async () => {
    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${await t.token('admin')}`);
    expect(me.body.organizationRoles).toEqual(['admin']);
    expect(me.body.sites.map((s: { code: string }) => s.code)).toEqual(['demo-sales', 'demo-service']);
  });

  it('refuses a wrong password and an unknown login alike (401 INVALID_CREDENTIALS)', async () => {
    for (const res of [await login('clerk@demo.sitedesk', 'wrong-password'), await login('nobody@demo.sitedesk')]) {
      expect(res.status).toBe(401);
      expect(isProblem(res)).toBe(true);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('answers 429 to the sixth failure within a minute for an account, and the right password then too', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await login('cashier@demo.sitedesk', `wrong-${i}`)).status);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await login('cashier@demo.sitedesk');
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('60');
    expect(locked.body.code).toBe('TOO_MANY_REQUESTS');
    // another account from the same address is not locked by it
    expect((await login('receptionist@demo.sitedesk')).status).toBe(200);
  });

  it('rotates refresh tokens; reusing an old one revokes the whole family (TOKEN_REUSED)', async () => {
    const first = (await login('supervisor@demo.sitedesk')).body;
    const second = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);

    const reuse = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('TOKEN_REUSED');
    // the thief's reuse also closed the legitimate, newer token of the same sign-in
    const after = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(after.status).toBe(401);
    // another sign-in of the same user is unaffected
    const other = (await login('supervisor@demo.sitedesk')).body;
    expect((await t.http().post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken })).status).toBe(200);
  });

  it('logs out: the refresh token no longer works', async () => {
    const pair = (await login('clerk@demo.sitedesk')).body;
    expect((await t.http().post('/api/v1/auth/logout').send({ refreshToken: pair.refreshToken })).status).toBe(204);
    expect((await t.http().post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken })).status).toBe(401);
  });

  it('refuses missing, forged, expired and wrongly-typed access tokens with 401 problems', async () => {
    const userId = await t.ids.user('manager');
    const claims = { sub: userId, org: 'x', login: 'manager@demo.sitedesk', agency: null, grants: [[null, 'admin']], typ: 'access' };
    const tokens = [
      undefined,
      'garbage',
      jwt.sign(claims, 'another-secret-another-secret-another-secret', { issuer: 'sitedesk' }),
      jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, TEST_JWT_SECRET),
      jwt.sign({ ...claims, typ: 'refresh' }, TEST_JWT_SECRET),
      jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS512' }),
      // the right secret and claims, but not issued by SiteDesk
      jwt.sign({ ...claims, org: 'x' }, TEST_JWT_SECRET, { issuer: 'someone-else' }),
    ];
    // the same claims issued by SiteDesk pass (the list above fails for its own reasons)
    const org = (await t.db.query(`SELECT organization_id FROM app_user WHERE id = $1`, [userId]))[0].organization_id;
    const good = jwt.sign({ ...claims, org, grants: [] }, TEST_JWT_SECRET, { issuer: 'sitedesk', expiresIn: 60 });
    expect((await t.http().get('/api/v1/me').set('authorization', `Bearer ${good}`)).status).toBe(200);
    for (const token of tokens) {
      const req = t.http().get('/api/v1/me');
      if (token) req.set('authorization', `Bearer ${token}`);
      const res = await req;
      expect(res.status).toBe(401);
      expect(isProblem(res)).toBe(true);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a disabled user cannot sign in or refresh', async () => {
    const pair = (await login('cs_agent@demo.sitedesk')).body;
    const id = await t.ids.user('cs_agent');
    const off = await t.http().patch(`/api/v1/users/${id}`).set('authorization', `Bearer ${await t.token('admin')}`).send({ active: false });
    expect(off.status).toBe(200);
    expect((await login('cs_agent@demo.sitedesk')).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken })).status).toBe(401);
    // GEN-7: the access token issued before is refused at once, not at its expiry.
    const me = await t.http().get('/api/v1/me').set('authorization', `Bearer ${pair.accessToken}`);
    expect([me.status, me.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('GEN-7: a revoked role ends the access tokens issued before, on this API process and on another; a new sign-in has the remaining roles', async () => {
    const other = await startSecondProcess(t);
    try {
      const me = (token: string, base?: string) =>
        base ? fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status) : t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`).then((r) => r.status);
      const roles = (token: string): Promise<string[]> =>
        t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`).then((r) => r.body.sites.flatMap((s: { code: string; roles: string[] }) => s.roles.map((role) => `${s.code}:${role}`)));
      const user = await t.ids.user('receptionist');
      const before = (await login('receptionist@demo.sitedesk')).body.accessToken as string;
      expect([await me(before), await me(before, other.url)]).toEqual([200, 200]);
      const [assignment] = await t.db.query(
        `SELECT r.id, r.role, s.code FROM role_assignment r JOIN site s ON s.id = r.site_id WHERE r.user_id = $1 AND r.revoked_at IS NULL ORDER BY r.created_at LIMIT 1`,
        [user],
      );
      expect(await roles(before)).toContain(`${assignment.code}:${assignment.role}`);
      const admin = `Bearer ${await t.token('admin')}`;
      expect((await t.http().post(`/api/v1/users/${user}/roles/${assignment.id}/revoke`).set('authorization', admin).send({ reason: '调岗' })).status).toBe(200);
      expect(await me(before)).toBe(401);
      // The other process learns it from the commit's notification.
      let elsewhere = 0;
      for (let i = 0; i < 50 && (elsewhere = await me(before, other.url)) !== 401; i++) await new Promise((r) => setTimeout(r, 100));
      expect(elsewhere).toBe(401);
      const after = (await login('receptionist@demo.sitedesk')).body.accessToken as string;
      expect([await me(after), await me(after, other.url)]).toEqual([200, 200]);
      expect(await roles(after)).not.toContain(`${assignment.code}:${assignment.role}`);
      // Another user's tokens are untouched.
      expect(await me(await t.token('consultant'))).toBe(200);
      // A process that starts after the revocation reads it from the table.
      const late = await startSecondProcess(t);
      try {
        expect(await me(before, late.url)).toBe(401);
      } finally {
        await late.stop();
      }
    } finally {
      await other.stop();
    }
  });

  it('changes the password with the current one, and the old one stops working', async () => {
    const token = await t.token('technician');
    const wrong = await t.http().post('/api/v1/me/password').set('authorization', `Bearer ${token}`).send({ currentPassword: 'nope', newPassword: 'a-new-password-1' });
    expect(wrong.status).toBe(403);
    const ok = await t.http().post('/api/v1/me/password').set('authorization', `Bearer ${token}`).send({ currentPassword: PASSWORD, newPassword: 'a-new-password-1' });
    expect(ok.status).toBe(204);
    expect((await login('technician@demo.sitedesk')).status).toBe(401);
    expect((await login('technician@demo.sitedesk', 'a-new-password-1')).status).toBe(200);
  });

  it('stores passwords as argon2id hashes', async () => {
    const [{ password_hash }] = await t.db.query(`SELECT password_hash FROM app_user WHERE login = 'manager@demo.sitedesk'`);
    expect(password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('partner API keys', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('are issued by an admin for a partner user, shown once, stored hashed, usable as Bearer or X-Api-Key, and revocable', async () => {
    const admin = await t.token('admin');
    const partnerId = await t.ids.user('partner');
    const created = await t.http().post('/api/v1/api-keys').set('authorization', `Bearer ${admin}`).send({ userId: partnerId, name: 'North CRM' });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^sdk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const stored = await t.db.query('SELECT prefix, secret_hash FROM api_key WHERE id = $1', [created.body.id]);
    expect(JSON.stringify(stored)).not.toContain(key.split('_').pop());

    const list = await t.http().get('/api/v1/api-keys').set('authorization', `Bearer ${admin}`);
    expect(list.body[0]).not.toHaveProperty('key');

    const viaBearer = await t.http().get('/api/v1/me').set('authorization', `Bearer ${key}`);
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.body).toMatchObject({ login: 'partner@demo.sitedesk', agencyName: 'North Channel' });
    expect((await t.http().get('/api/v1/me').set('x-api-key', key)).status).toBe(200);
    // a partner key has the partner's roles only
    expect((await t.http().get('/api/v1/users').set('x-api-key', key)).status).toBe(403);

    expect((await t.http().post(`/api/v1/api-keys/${created.body.id}/revoke`).set('authorization', `Bearer ${admin}`).send({})).status).toBe(200);
    const revoked = await t.http().get('/api/v1/me').set('x-api-key', key);
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a key for a staff user, and refuses managers issuing keys', async () => {
    const consultant = await t.ids.user('consultant');
    const res = await t.http().post('/api/v1/api-keys').set('authorization', `Bearer ${await t.token('admin')}`).send({ userId: consultant, name: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NOT_A_PARTNER');
    const byManager = await t.http().post('/api/v1/api-keys').set('authorization', `Bearer ${await t.token('manager')}`).send({ userId: await t.ids.user('partner'), name: 'x' });
    expect(byManager.status).toBe(403);
  });

  it('refuses a made-up key', async () => {
    const res = await t.http().get('/api/v1/me').set('x-api-key', `sdk_AAAAAAAAAAAA_${'a'.repeat(43)}`);
    expect(res.status).toBe(401);
  });
});
