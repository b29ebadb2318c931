import { readFile } from 'node:fs/promises';
import { pickOption, selectClosed, signIn, startConsole, type ConsoleHarness } from './support/console.js';

/** GEN-9: the discipline register filtered by kind and month, and the month's download for payroll. */
describe('discipline register', () => {
  let h: ConsoleHarness;
  beforeAll(async () => (h = await startConsole()));
  afterAll(() => h?.close());

  it('GEN-9: the manager filters the fines of this month and downloads them with their total', async () => {
    const siteId = await h.app.ids.site('demo-sales');
    const manager = `Bearer ${await h.app.token('manager')}`;
    const issue = (userId: string, kind: string, amountFen: number, evidence: string) =>
      h.app.http().post('/api/v1/discipline').set('authorization', manager).send({ siteId, userId, kind, ruleId: 'ATT-12', amountFen, evidence });
    const consultant = await h.app.ids.user('consultant');
    expect((await issue(consultant, 'fine', 5000, '迟到 20 分钟')).status).toBe(201);
    expect((await issue(consultant, 'warning_slip', 0, '未穿工装')).status).toBe(201);

    const page = await h.newPage();
    await signIn(page, 'manager');
    await page.goto('/discipline');
    await page.getByRole('row', { name: /未穿工装/ }).waitFor();
    await page.getByLabel('类别', { exact: true }).click();
    await pickOption(page, (list) => list.getByTitle('罚款', { exact: true }));
    await selectClosed(page);
    await page.getByRole('row', { name: /未穿工装/ }).waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /迟到 20 分钟/ }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('discipline-demo-sales.csv');
    const text = await readFile(await download.path(), 'utf8');
    expect(text).toContain('迟到 20 分钟');
    expect(text).not.toContain('未穿工装');
    expect(text.trim().split('\r\n').pop()).toMatch(/^合计 total,\d+,,,\d+\.\d{2},/);
  });
});
