import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { localDate, zonedTime } from '@sitedesk/domain';
import { makeCustomer, signedAgo } from '../../api/test/support/reservation.js';
import { buttonName, confirmDialog, pickOption, selectClosed, settled, signIn, startConsole, type ConsoleHarness } from './support/console.js';

const shots = process.env.ADMIN_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `reservation-${name}.png`), fullPage: true });
};

/** A unit's tile on the sales board. */
const tile = (page: Page, building: string, number: string) => page.locator(`[data-testid="unit-tile"][data-unit="${building}|${number}"]`);

/** Opens the reservation module through the navigation, on a tab when given. */
async function openReservation(page: Page, tab?: string) {
  await page.getByRole('navigation').getByRole('link', { name: '销控与预约' }).click();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

describe('reservation console', () => {
  let h: ConsoleHarness;
  let siteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await h.app.token(who)}` });
  const activeOrders = async (building: string, number: string) => {
    const rows = await h.app.db.query(
      `SELECT o.status, c.name FROM unit_order o JOIN unit u ON u.id = o.unit_id JOIN customer c ON c.id = o.customer_id
        WHERE u.site_id = $1 AND u.building = $2 AND u.number = $3 AND o.status IN ('held', 'subscribed', 'deposited', 'contracted')`,
      [siteId, building, number],
    );
    return rows as { status: string; name: string }[];
  };
  beforeAll(async () => {
    h = await startConsole();
    siteId = await h.app.ids.site('demo-sales');
  });
  afterAll(() => h?.close());

  it('RES-2 live: a manager holds a unit on the board; a consultant’s open board turns it held without reload', async () => {
    await makeCustomer(h.app, siteId, '赵先生');

    // The consultant watches the board; the stream is open, so only an event can change what it shows.
    const consultant = await h.newPage();
    await signIn(consultant, 'consultant');
    await openReservation(consultant);
    await consultant.locator('[data-testid="board-live"][data-live="live"]').waitFor();
    const watched = tile(consultant, '1栋', '803');
    expect(await watched.getAttribute('data-status')).toBe('available');
    const heldBefore = Number(await consultant.getByTestId('count-held').locator('.ant-statistic-content-value').innerText());

    // A consultant may not hold (RES-2): the drawer offers no hold.
    await watched.click();
    const drawer = consultant.getByTestId('unit-drawer');
    await drawer.waitFor();
    await consultant.getByText('这套房源没有有效订单，可售。').waitFor();
    expect(await drawer.getByRole('button', { name: buttonName('销控') }).count()).toBe(0);
    await consultant.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The manager holds it for the customer picked from the site's customers.
    const manager = await h.newPage();
    await signIn(manager, 'manager');
    await openReservation(manager);
    await tile(manager, '1栋', '803').click();
    await manager.getByTestId('unit-drawer').getByRole('button', { name: buttonName('销控') }).click();
    const form = manager.getByRole('dialog', { name: /销控 · 1栋 803/ });
    await form.getByLabel('客户').click();
    await form.getByLabel('客户').fill('赵先生');
    await pickOption(manager, (list) => list.getByText(/^赵先生 · /));
    await selectClosed(manager);
    await form.getByRole('button', { name: buttonName('提交') }).click();
    await form.waitFor({ state: 'detached' });
    await manager.getByTestId('active-order').filter({ hasText: '赵先生' }).waitFor();
    await shot(manager, 'unit-held');

    // The consultant's board, untouched, shows it held within the event's reach.
    await consultant.locator('[data-testid="unit-tile"][data-unit="1栋|803"][data-status="held"]').waitFor({ timeout: 5_000 });
    expect(Number(await consultant.getByTestId('count-held').locator('.ant-statistic-content-value').innerText())).toBe(heldBefore + 1);
    expect(await activeOrders('1栋', '803')).toEqual([{ status: 'held', name: '赵先生' }]);
    await shot(consultant, 'board');
  });

  it('RES-3: a hold on a unit taken meanwhile is refused with a clear message, and nothing is written', async () => {
    await makeCustomer(h.app, siteId, '钱女士');
    const manager = await h.newPage();
    // No live stream on this page: the board does not learn of the other hold before the click.
    await manager.route('**/api/v1/events**', (route) => route.abort());
    await signIn(manager, 'manager');
    await openReservation(manager);
    await tile(manager, '2栋', '402').click();
    await manager.getByTestId('unit-drawer').getByRole('button', { name: buttonName('销控') }).click();
    const form = manager.getByRole('dialog', { name: /销控 · 2栋 402/ });
    await form.getByLabel('客户').click();
    await form.getByLabel('客户').fill('钱女士');
    await pickOption(manager, (list) => list.getByText(/^钱女士 · /));
    await selectClosed(manager);

    // Someone else holds it first.
    const [{ id: unitId }] = await h.app.db.query(`SELECT id FROM unit WHERE site_id = $1 AND building = '2栋' AND number = '402'`, [siteId]);
    const other = await makeCustomer(h.app, siteId, '孙先生');
    expect((await h.app.http().post(`/api/v1/units/${unitId}/holds`).set(await as('manager')).send({ customerId: other })).status).toBe(201);

    await form.getByRole('button', { name: buttonName('提交') }).click();
    await form.locator('[data-problem="UNIT_NOT_AVAILABLE"]').filter({ hasText: '不能重复销控' }).waitFor();
    const rows = await activeOrders('2栋', '402');
    expect(rows).toEqual([{ status: 'held', name: '孙先生' }]);
  });

  it('RES-1 import: the clerk imports a CSV; the bad row is reported by line and the good rows are kept', async () => {
    const clerk = await h.newPage();
    await signIn(clerk, 'clerk');
    await openReservation(clerk, '房源');
    const csv = ['楼栋,房号,楼层,户型,面积,总价', '9栋,101,1,3室2厅2卫,120.5,2100000', '9栋,102,一楼,2室2厅1卫,89.36,1500000', '9栋,103,1,2室2厅1卫,89.36,1500000.50'].join('\n');
    await clerk.getByLabel('CSV 内容').fill(csv);
    await clerk.getByRole('button', { name: buttonName('导入') }).click();
    const result = clerk.getByTestId('import-result');
    await result.getByText('已导入 2 套；1 行有错误，未导入：').waitFor();
    const bad = result.getByRole('row').filter({ hasText: '值不正确' });
    expect(await bad.count()).toBe(1);
    expect(await bad.innerText()).toMatch(/^3\s+floor/);
    await shot(clerk, 'import');

    const rows = await h.app.db.query(`SELECT number, floor, list_price_fen::bigint AS price FROM unit WHERE site_id = $1 AND building = '9栋' ORDER BY number`, [siteId]);
    expect(rows.map((r: { number: string; floor: number; price: string }) => [r.number, r.floor, Number(r.price)])).toEqual([
      ['101', 1, 210_000_000],
      ['103', 1, 150_000_050],
    ]);

    // The control sheet of what the filter finds, as a file: every unit, not the page on screen.
    const filter = clerk.getByRole('searchbox', { name: '楼栋' });
    await filter.fill('9栋');
    await filter.press('Enter');
    await clerk.getByRole('cell', { name: '1栋', exact: true }).first().waitFor({ state: 'detached' });
    const [sheet] = await Promise.all([clerk.waitForEvent('download'), clerk.getByRole('button', { name: '导出销控表 CSV' }).click()]);
    expect(sheet.suggestedFilename()).toMatch(/^units-demo-sales-\d{4}-\d{2}-\d{2}\.csv$/);
    const sheetRows = (await readFile((await sheet.path())!, 'utf8')).trim().split('\r\n').slice(1);
    expect(sheetRows.map((l) => l.split(',').slice(0, 2).join(' '))).toEqual(['9栋 101', '9栋 103']);

    // The imported units are on the board at once, available.
    await openReservation(clerk, '销控表');
    await clerk.locator('[data-testid="unit-tile"][data-unit="9栋|103"][data-status="available"]').waitFor();
  });

  it('RES-4: a consultant signs the subscription, the deadline counts down, only the cashier records the money; money after the deadline finds the order lapsed', async () => {
    const unitOf = async (number: string) => (await h.app.db.query(`SELECT id FROM unit WHERE site_id = $1 AND building = '1栋' AND number = $2`, [siteId, number]))[0].id as string;
    const holdFor = async (unitId: string, name: string) => {
      const res = await h.app.http().post(`/api/v1/units/${unitId}/holds`).set(await as('manager')).send({ customerId: await makeCustomer(h.app, siteId, name) });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const paid = await unitOf('702');
    await holdFor(paid, '周女士');

    // The consultant signs the subscription from the unit's page (a link to the drawer).
    const consultant = await h.newPage();
    await signIn(consultant, 'consultant');
    await consultant.goto(`/reservation?unit=${paid}`);
    const drawer = consultant.getByTestId('unit-drawer');
    await drawer.getByRole('button', { name: '签认购' }).click();
    const form = consultant.getByRole('dialog', { name: /签认购 · 1栋 702/ });
    await form.getByLabel('认购金').fill('20000');
    await form.getByLabel('协议编号').fill('RG-2026-0702');
    await form.getByRole('button', { name: buttonName('提交') }).click();
    await form.waitFor({ state: 'detached' });
    const countdown = drawer.getByTestId('payment-countdown');
    await countdown.waitFor();
    const left = Number(await countdown.getAttribute('data-left'));
    const policy = await h.app.http().get(`/api/v1/reservation/policy?siteId=${siteId}`).set(await as('consultant'));
    const minutes: number = policy.body.policy.paymentMinutes;
    expect(left).toBeGreaterThan(minutes * 60 - 60);
    expect(left).toBeLessThanOrEqual(minutes * 60);
    // The consultant never takes money (RES-4): no payment button for them.
    expect(await drawer.getByRole('button', { name: /登记/ }).count()).toBe(0);
    await shot(consultant, 'subscribed');

    // The cashier's screen lists the money due with its countdown; the cashier records it.
    const cashier = await h.newPage();
    await signIn(cashier, 'cashier');
    await openReservation(cashier, '收银台');
    const row = cashier.getByRole('row', { name: /1栋 702/ });
    await row.getByTestId('payment-countdown').waitFor();
    expect(await row.innerText()).toContain('周女士');
    await shot(cashier, 'cashier');
    await row.getByRole('button', { name: '登记认购金' }).click();
    const pay = cashier.getByRole('dialog', { name: /登记认购金 · 1栋 702/ });
    expect(await pay.getByLabel('金额').inputValue()).toBe('20000');
    await pay.getByLabel('收据编号').fill('SJ-0702');
    await pay.getByRole('button', { name: buttonName('提交') }).click();
    await row.waitFor({ state: 'detached' });
    const [order] = await h.app.db.query(`SELECT subscription_paid_at FROM unit_order WHERE unit_id = $1 AND status = 'subscribed'`, [paid]);
    expect(order.subscription_paid_at).not.toBeNull();
    // The consultant's open drawer follows: the money is in, the countdown gone.
    await countdown.waitFor({ state: 'detached', timeout: 5_000 });
    await drawer.getByText(/已到账/).waitFor();

    // Money that arrives after the deadline finds the order lapsed (GEN-8), in words, and is not written.
    const late = await unitOf('701');
    const lateOrder = await holdFor(late, '吴先生');
    const subscribed = await h.app.http().post(`/api/v1/unit-orders/${lateOrder}/subscription`).set(await as('consultant')).send({ priceFen: 999_999_999, subscriptionFen: 2_000_000, agreementNo: 'RG-2026-0701' });
    expect(subscribed.status).toBe(200);
    const lateRow = cashier.getByRole('row', { name: /1栋 701/ });
    await lateRow.getByRole('button', { name: '登记认购金' }).click();
    const latePay = cashier.getByRole('dialog', { name: /登记认购金 · 1栋 701/ });
    await latePay.getByLabel('收据编号').fill('SJ-0701');
    await signedAgo(h.app, lateOrder, 11);
    await latePay.getByRole('button', { name: buttonName('提交') }).click();
    await latePay.locator('[data-problem="ORDER_LAPSED"]').filter({ hasText: '订单已失效' }).waitFor();
    expect(await h.app.db.query(`SELECT 1 FROM unit_payment WHERE order_id = $1`, [lateOrder])).toEqual([]);
  });

  it("CA-17: subscribing an agency's customer asks for the agency's commission; given, the ledger holds it pending", async () => {
    // An agency customer the way it happens: reported an hour before, brought with the visit code (CA-6/CA-16).
    const phone = '13700005041';
    const report = await h.app.http().post('/api/v1/partner/reports').set(await as('partner')).send({ siteId, customerName: '钱先生', phone, expectedVisitAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(report.status).toBe(201);
    await h.app.db.query(`UPDATE partner_report SET created_at = now() - interval '1 hour' WHERE id = $1`, [report.body.id]);
    const visit = await h.app.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone, name: '钱先生', consultantId: await h.app.ids.user('consultant'), mentionedAgency: true, visitCode: report.body.visitCode });
    expect(visit.body.report.status).toBe('valid');
    const [{ id: unitId }] = await h.app.db.query(`SELECT id FROM unit WHERE site_id = $1 AND building = '1栋' AND number = '303'`, [siteId]);
    expect((await h.app.http().post(`/api/v1/units/${unitId}/holds`).set(await as('manager')).send({ customerId: visit.body.customerId })).status).toBe(201);

    const consultant = await h.newPage();
    await signIn(consultant, 'consultant');
    await consultant.goto(`/reservation?unit=${unitId}`);
    const drawer = consultant.getByTestId('unit-drawer');
    await drawer.getByRole('button', { name: '签认购' }).click();
    const form = consultant.getByRole('dialog', { name: /签认购 · 1栋 303/ });
    await settled(form);
    await form.getByLabel('认购金').fill('20000');
    await form.getByLabel('协议编号').fill('RG-2026-0303');
    await form.getByRole('button', { name: buttonName('提交') }).click();
    // Refused in words on the field, nothing written.
    await form.locator('.ant-form-item-explain-error').filter({ hasText: /commission/i }).or(form.locator('.ant-form-item-has-error').getByLabel('渠道佣金')).first().waitFor();
    expect((await h.app.db.query(`SELECT count(*)::int AS n FROM unit_order WHERE unit_id = $1 AND status = 'subscribed'`, [unitId]))[0].n).toBe(0);
    await form.getByLabel('渠道佣金').fill('30000');
    await form.getByRole('button', { name: buttonName('提交') }).click();
    await form.waitFor({ state: 'detached' });
    const [entry] = await h.app.db.query(`SELECT status, stage, amount_fen::int AS amount FROM commission_entry WHERE customer_id = $1`, [visit.body.customerId]);
    expect(entry).toMatchObject({ stage: 'subscription', amount: 3_000_000 });
    // The customer's history shows the deal in words, with its stage.
    await consultant.goto(`/client-attribution/customers/${visit.body.customerId}`);
    await consultant.locator('.ant-timeline-item').filter({ hasText: '成交' }).filter({ hasText: '认购' }).waitFor();
  });

  it('RES-6: the site manager adds clauses to an order in the unit drawer; a consultant sees them but cannot change them', async () => {
    const [{ id: unitId }] = await h.app.db.query(`SELECT id FROM unit WHERE site_id = $1 AND building = '1栋' AND number = '504'`, [siteId]);
    const held = await h.app.http().post(`/api/v1/units/${unitId}/holds`).set(await as('manager')).send({ customerId: await makeCustomer(h.app, siteId, '冯先生') });
    expect(held.status).toBe(201);

    const manager = await h.newPage();
    await signIn(manager, 'manager');
    await manager.goto(`/reservation?unit=${unitId}`);
    const clauses = manager.getByTestId('order-clauses');
    await clauses.getByText('没有附加条款').waitFor();
    await clauses.getByRole('button', { name: '增减条款' }).click();
    await clauses.getByLabel('订单条款（RES-6）').fill('赠送车位使用权一年\n交房时间 2027-06-30 前');
    await clauses.getByLabel('增减原因').fill('客户要求写明');
    await clauses.getByRole('button', { name: buttonName('保存') }).click();
    await clauses.getByText('· 交房时间 2027-06-30 前').waitFor();
    const [order] = await h.app.db.query(`SELECT clauses FROM unit_order WHERE id = $1`, [held.body.id]);
    expect(order.clauses).toEqual(['赠送车位使用权一年', '交房时间 2027-06-30 前']);

    const consultant = await h.newPage();
    await signIn(consultant, 'consultant');
    await consultant.goto(`/reservation?unit=${unitId}`);
    await consultant.getByTestId('order-clauses').getByText('· 赠送车位使用权一年').waitFor();
    expect(await consultant.getByTestId('order-clauses').getByRole('button', { name: '增减条款' }).count()).toBe(0);
  });

  it('RES-6: a consultant asks for a special price in the unit drawer, the director approves it in the requests tab, and the subscription is signed at it', async () => {
    const [{ id: unitId, list }] = await h.app.db.query(`SELECT id, list_price_fen::bigint AS list FROM unit WHERE site_id = $1 AND building = '1栋' AND number = '602'`, [siteId]);
    const held = await h.app.http().post(`/api/v1/units/${unitId}/holds`).set(await as('manager')).send({ customerId: await makeCustomer(h.app, siteId, '郑先生') });
    expect(held.status).toBe(201);
    expect(Number(list)).toBeGreaterThan(165_000_000);

    const consultant = await h.newPage();
    await signIn(consultant, 'consultant');
    await consultant.goto(`/reservation?unit=${unitId}`);
    const drawer = consultant.getByTestId('unit-drawer');
    await drawer.getByRole('button', { name: '申请特价' }).click();
    const ask = consultant.getByRole('dialog', { name: /申请特价 · 1栋 602/ });
    await ask.getByLabel('特价').fill('1650000');
    await ask.getByLabel('原因').fill('老客户推荐');
    await ask.getByRole('button', { name: buttonName('提交') }).click();
    await consultant.getByText('申请已提交，等待销售总监审批').waitFor();

    const director = await h.newPage();
    await signIn(director, 'director');
    await openReservation(director, '申请审批');
    await director.getByText('特价', { exact: true }).click();
    const row = director.getByRole('row', { name: /1栋 602/ });
    await row.getByText('老客户推荐').waitFor();
    expect(await row.innerText()).toContain('¥1,650,000.00');
    await shot(director, 'approvals');
    await row.getByRole('button', { name: buttonName('批准') }).click();
    await confirmDialog(director, '批准这项申请', '批准');
    await row.waitFor({ state: 'detached' });

    // The consultant's open drawer shows the approved price without a reload (the decision is a live
    // event); the subscription form starts from it and the API accepts it (RES-6).
    await drawer.getByText('批准的特价').waitFor();
    await drawer.getByRole('button', { name: '签认购' }).click();
    const sign = consultant.getByRole('dialog', { name: /签认购 · 1栋 602/ });
    expect(await sign.getByLabel('成交价').inputValue()).toBe('1650000');
    await sign.getByLabel('认购金').fill('20000');
    await sign.getByLabel('协议编号').fill('RG-2026-0602');
    await sign.getByRole('button', { name: buttonName('提交') }).click();
    await drawer.getByTestId('payment-countdown').waitFor();
    const [order] = await h.app.db.query(`SELECT price_fen::bigint AS price, status FROM unit_order WHERE unit_id = $1 AND status = 'subscribed'`, [unitId]);
    expect(Number(order.price)).toBe(165_000_000);
  });

  it('the sales board falls back to slow polling when the event stream cannot be opened, and goes live again', async () => {
    const page = await h.newPage();
    await page.route('**/api/v1/events**', (route) => route.abort());
    await signIn(page, 'receptionist');
    await openReservation(page);
    await tile(page, '1栋', '101').waitFor();
    await page.locator('[data-testid="board-live"][data-live="polling"]').waitFor();
    expect(await page.getByTestId('board-live').innerText()).toContain('每 30 秒刷新');
    // The same board in English.
    await page.getByRole('banner').getByText('English').click();
    await page.getByRole('tab', { name: 'Sales board' }).waitFor();
    expect(await page.getByTestId('board-live').innerText()).toContain('Refreshing every 30 s');
    expect(await tile(page, '1栋', '101').getAttribute('aria-label')).toMatch(/^1栋 101 (Available|Held|Subscribed|Deposited|Contracted)$/);
    await shot(page, 'board-en');

    await page.unroute('**/api/v1/events**');
    await page.locator('[data-testid="board-live"][data-live="live"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('board-live').innerText()).toContain('Live');
  });

  it('RES-4 policy: the manager publishes a new version with another payment deadline; a consultant reads it but cannot publish', async () => {
    const consultant = await h.newPage();
    await signIn(consultant, 'consultant');
    await openReservation(consultant, '制度');
    await consultant.getByTestId('reservation-policy').getByText('10 分钟').waitFor();
    expect(await consultant.getByRole('button', { name: '发布新版本' }).count()).toBe(0);

    const manager = await h.newPage();
    await signIn(manager, 'manager');
    await openReservation(manager, '制度');
    await manager.getByRole('button', { name: '发布新版本' }).click();
    const form = manager.getByRole('dialog', { name: '发布新的销控制度版本' });
    await form.getByLabel('认购后交款期限').fill('15');
    await form.getByRole('button', { name: '发布新版本' }).click();
    await manager.getByTestId('reservation-policy').getByText('15 分钟').waitFor();
    const [{ version, minutes }] = await h.app.db.query(`SELECT version, (policy->>'paymentMinutes')::int AS minutes FROM reservation_policy WHERE site_id = $1 ORDER BY version DESC LIMIT 1`, [siteId]);
    expect(minutes).toBe(15);
    await manager.getByText(`销控制度 · 第 ${version} 版`).waitFor();
  });

  it('RES-1: the clerk adds a unit and edits its price; the same number twice in a building is refused in words', async () => {
    const clerk = await h.newPage();
    await signIn(clerk, 'clerk');
    await openReservation(clerk, '房源');
    const add = async (number: string) => {
      await clerk.getByRole('button', { name: '新增房源' }).click();
      const form = clerk.getByRole('dialog', { name: '新增房源' });
      await form.getByLabel('楼栋').fill('8栋');
      await form.getByLabel('房号').fill(number);
      await form.getByLabel('楼层').fill('5');
      await form.getByLabel('户型').fill('3室2厅2卫');
      await form.getByLabel('面积').fill('118.25');
      await form.getByLabel('总价（价目表）').fill('2360000');
      await form.getByRole('button', { name: buttonName('保存') }).click();
      return form;
    };
    await (await add('501')).waitFor({ state: 'detached' });
    const again = await add(' 501 ');
    await again.locator('[data-problem="UNIT_EXISTS"]').filter({ hasText: '同一楼栋已有这个房号' }).waitFor();
    await again.getByRole('button', { name: buttonName('取消') }).click();

    // Found through the building filter (the list is paged).
    const filter = clerk.getByLabel('楼栋', { exact: true });
    await filter.fill('8栋');
    await filter.press('Enter');
    await clerk.getByRole('row', { name: /8栋\s+501/ }).getByRole('button', { name: buttonName('编辑') }).click();
    const edit = clerk.getByRole('dialog', { name: '编辑 8栋 501' });
    expect(await edit.getByLabel('总价（价目表）').inputValue()).toBe('2360000');
    await edit.getByLabel('总价（价目表）').fill('2350000.5');
    await edit.getByRole('button', { name: buttonName('保存') }).click();
    await edit.waitFor({ state: 'detached' });
    const rows = await h.app.db.query(`SELECT area_centi_m2, list_price_fen::bigint AS price FROM unit WHERE site_id = $1 AND building = '8栋'`, [siteId]);
    expect(rows.map((r: { area_centi_m2: number; price: string }) => [r.area_centi_m2, Number(r.price)])).toEqual([[11_825, 235_000_050]]);
  });

  it('RES-5: signing notice and contract from the drawer, then a cancellation reviewed by the manager and approved by the developer; the cashier pays the refund', async () => {
    const [{ id: unitId }] = await h.app.db.query(`SELECT id FROM unit WHERE site_id = $1 AND building = '2栋' AND number = '301'`, [siteId]);
    const api = async (who: string, path: string, body: object, status: number) => {
      const res = await h.app.http().post(path).set(await as(who)).send(body);
      expect([res.status, res.body.code]).toEqual([status, undefined]);
      return res.body;
    };
    // Held, subscribed, paid, deposited and paid through the API: the subject here is the rest.
    const order = await api('manager', `/api/v1/units/${unitId}/holds`, { customerId: await makeCustomer(h.app, siteId, '冯女士') }, 201);
    const orders = `/api/v1/unit-orders/${order.id}`;
    await api('consultant', `${orders}/subscription`, { priceFen: order.listPriceFen, subscriptionFen: 5_000_000, agreementNo: 'RG-301' }, 200);
    await api('cashier', `${orders}/payments`, { kind: 'subscription', amountFen: 5_000_000, receiptNo: 'SJ-301-1' }, 201);
    await api('consultant', `${orders}/deposit`, { depositFen: 30_000_000, agreementNo: 'DD-301' }, 200);
    await api('cashier', `${orders}/payments`, { kind: 'deposit', amountFen: 30_000_000, receiptNo: 'SJ-301-2' }, 201);

    const consultant = await h.newPage();
    await signIn(consultant, 'consultant');
    await consultant.goto(`/reservation?unit=${unitId}`);
    const drawer = consultant.getByTestId('unit-drawer');
    await drawer.getByRole('button', { name: '登记签约通知' }).click();
    const notice = consultant.getByRole('dialog', { name: /登记签约通知 · 2栋 301/ });
    await notice.waitFor();
    await settled(notice);
    const tomorrow = localDate(new Date(Date.now() + 86_400_000), 'Asia/Shanghai');
    await notice.getByLabel('签约时间').click();
    await notice.getByLabel('签约时间').fill(`${tomorrow} 10:00`);
    await notice.getByLabel('签约时间').press('Enter');
    await notice.getByLabel('签约地点').fill('售楼处二楼签约室');
    // Documents: picked from the usual ones (each tag shown before the next pick), or typed.
    const documents = notice.getByLabel('需携带的资料');
    await documents.click();
    // The list slides in: a click while it moves can be lost under load.
    const usual = consultant.locator('.ant-select-dropdown:visible').getByTitle('身份证', { exact: true });
    await usual.waitFor();
    await settled(usual);
    await usual.click();
    await notice.locator('.ant-select-selection-item').filter({ hasText: '身份证' }).waitFor();
    await documents.fill('银行卡');
    await documents.press('Enter');
    await notice.locator('.ant-select-selection-item').filter({ hasText: '银行卡' }).waitFor();
    await notice.getByLabel('签约地点').click();
    await notice.getByRole('button', { name: buttonName('提交') }).click();
    await notice.waitFor({ state: 'detached' });
    await drawer.getByText(/售楼处二楼签约室 · 携带 身份证、银行卡/).waitFor();
    const [{ signing_notice: recorded }] = await h.app.db.query(`SELECT signing_notice FROM unit_order WHERE id = $1`, [order.id]);
    // GEN-4: 10:00 on the site's clock.
    expect(new Date(recorded.signingAt).toISOString()).toBe(zonedTime(tomorrow, '10:00', 'Asia/Shanghai').toISOString());

    await drawer.getByRole('button', { name: buttonName('签约') }).click();
    const contract = consultant.getByRole('dialog', { name: /签约 · 2栋 301/ });
    await contract.getByLabel('合同编号').fill('HT-301');
    await contract.getByRole('button', { name: buttonName('提交') }).click();
    await contract.waitFor({ state: 'detached' });
    await consultant.locator('[data-testid="unit-drawer"][data-status="contracted"]').waitFor();

    // RES-5: the customer withdraws; the consultant asks, the manager reviews, the developer approves.
    await drawer.getByRole('button', { name: '申请退订' }).click();
    const cancel = consultant.getByRole('dialog', { name: /申请退订 · 2栋 301/ });
    expect(await cancel.getByLabel('退款金额').inputValue()).toBe('350000');
    await cancel.getByLabel('原因').fill('客户家庭原因退房');
    await cancel.getByRole('button', { name: buttonName('提交') }).click();
    await consultant.getByText('申请已提交，等待经理审批').waitFor();

    for (const who of ['manager', 'developer_approver']) {
      const approver = await h.newPage();
      await signIn(approver, who);
      await openReservation(approver, '申请审批');
      const row = approver.getByRole('row', { name: /2栋 301/ });
      expect(await row.innerText()).toContain('¥350,000.00');
      await row.getByRole('button', { name: buttonName('批准') }).click();
      await confirmDialog(approver, '批准这项申请', '批准');
      await row.waitFor({ state: 'detached' });
    }
    // The consultant's open drawer follows the event: the unit is for sale again.
    await consultant.locator('[data-testid="unit-drawer"][data-status="available"]').waitFor({ timeout: 5_000 });

    // The cashier pays the refund from the cashier's screen.
    const cashier = await h.newPage();
    await signIn(cashier, 'cashier');
    await openReservation(cashier, '收银台');
    const refund = cashier.getByRole('row', { name: /2栋 301/ });
    expect(await refund.innerText()).toMatch(/退款[\s\S]*¥350,000\.00/);
    await refund.getByRole('button', { name: '登记退款' }).click();
    const pay = cashier.getByRole('dialog', { name: /登记退款 · 2栋 301/ });
    await settled(pay);
    await pay.getByLabel('收据编号').fill('TK-301');
    await pay.getByRole('button', { name: buttonName('提交') }).click();
    await pay.waitFor({ state: 'detached' });
    await refund.waitFor({ state: 'detached' });
    const [done] = await h.app.db.query(`SELECT status, refund_paid_at FROM unit_order WHERE id = $1`, [order.id]);
    expect(done.status).toBe('cancelled');
    expect(done.refund_paid_at).not.toBeNull();
  });
});
