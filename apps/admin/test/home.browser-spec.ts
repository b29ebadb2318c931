import path from 'node:path';
import type { Page } from 'playwright-core';
import { signIn, startConsole, type ConsoleHarness } from './support/console.js';

const shots = process.env.ADMIN_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `home-${name}.png`), fullPage: true });
};

/** The home page: the person's clock-in and their open work on the site, each line a link to where it is done. */
describe('home: my work', () => {
  let h: ConsoleHarness;
  beforeAll(async () => (h = await startConsole()));
  afterAll(() => h?.close());

  it('a cs agent sees the unowned complaint that arrived online, follows the link to the inbox; a consultant sees none of it', async () => {
    const siteId = await h.app.ids.site('demo-sales');
    const agent = await h.newPage();
    await signIn(agent, 'cs_agent');
    const work = agent.getByTestId('my-day');
    await work.getByText('现在没有待办事项。').waitFor();

    const online = await h.app
      .http()
      .post('/api/v1/complaints')
      .set('authorization', `Bearer ${await h.app.token('cs_agent')}`)
      .send({ siteId, channel: 'online', complainantName: '网上客户', contact: '13800138000', content: '样板间空调不制冷', subjectType: 'none', importantCustomer: false });
    expect(online.status).toBe(201);
    expect(online.body.ownerId).toBeNull();
    await agent.reload();
    const line = work.locator('[data-todo="complaintsUnowned"]');
    await line.getByText('还没有人受理的投诉').waitFor();
    expect(await line.innerText()).toContain('1');
    await shot(agent, 'my-work');
    await line.getByRole('link').click();
    await agent.waitForURL(/\/complaints$/);

    // The clock-in card is on the home page for the site's staff (ATT-4).
    await agent.goto('/');
    await agent.getByRole('button', { name: /上班打卡|下班打卡/ }).or(agent.getByText('今天没有排班', { exact: false })).first().waitFor();

    const consultant = await h.newPage();
    await signIn(consultant, 'consultant');
    await consultant.getByTestId('my-day').waitFor();
    expect(await consultant.locator('[data-todo="complaintsUnowned"]').count()).toBe(0);
  });
});
