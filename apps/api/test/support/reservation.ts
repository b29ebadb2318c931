import type { TestApp } from './test-app.js';

let seq = 0;

/** A customer of a site (the client-attribution module's table), made directly: the fixture, not the subject. */
export async function makeCustomer(t: TestApp, siteId: string, name = '王先生'): Promise<string> {
  seq++;
  const phone = `139${String(Date.now() % 100_000).padStart(5, '0')}${String(seq).padStart(3, '0')}`.slice(0, 11);
  const [row] = await t.db.query(`INSERT INTO customer (site_id, name, phone, phone_pattern, source) VALUES ($1, $2, $3, $4, 'visit') RETURNING id`, [siteId, name, phone, `${phone.slice(0, 3)}****${phone.slice(7)}`]);
  return row.id;
}

/** A unit on demo-sales made through the API by the manager. */
export async function makeUnit(t: TestApp, siteId: string, number: string, listPriceFen = 200_000_000, who = 'manager'): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/units')
    .set('authorization', `Bearer ${await t.token(who)}`)
    .send({ siteId, building: 'T栋', number, floor: 3, layout: '3室2厅', areaM2: 120.5, listPriceFen });
  if (res.status !== 201) throw new Error(`unit ${number}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Extra users with one role on a site, who sign in like the demo users (`<login>@demo.sitedesk`, the demo password). */
export async function makeUsers(t: TestApp, siteId: string, role: string, logins: string[]): Promise<void> {
  const [{ organization_id: org, password_hash: hash }] = await t.db.query(`SELECT organization_id, password_hash FROM app_user WHERE login = 'manager@demo.sitedesk'`);
  for (const login of logins) {
    const [u] = await t.db.query(`INSERT INTO app_user (organization_id, login, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [org, `${login}@demo.sitedesk`, login, hash]);
    await t.db.query(`INSERT INTO role_assignment (organization_id, user_id, site_id, role) VALUES ($1, $2, $3, $4)`, [org, u.id, siteId, role]);
  }
}

/** Pretends the order was signed `minutesAgo` minutes ago under a `paymentMinutes` deadline (its lapse job due then too). */
export async function signedAgo(t: TestApp, orderId: string, minutesAgo: number, paymentMinutes = 10): Promise<Date> {
  const result = await t.db.query(
    `UPDATE unit_order SET subscribed_at = now() - $2 * interval '1 minute', payment_due_at = now() - ($2 - $3) * interval '1 minute' WHERE id = $1 RETURNING payment_due_at`,
    [orderId, minutesAgo, paymentMinutes],
  );
  const due: Date = (Array.isArray(result[0]) ? result[0] : result)[0].payment_due_at;
  await t.db.query(`UPDATE job SET run_at = $2::timestamptz + interval '1 second' WHERE dedupe_key = $1`, [`reservation.lapse:${orderId}`, due]);
  return new Date(due);
}
