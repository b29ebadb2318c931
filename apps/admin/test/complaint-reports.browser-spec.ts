import path from 'node:path';
import type { Page } from 'playwright-core';
import { buttonName, signIn, startConsole, type ConsoleHarness } from './support/console.js';

const shots = process.env.ADMIN_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `complaint-reports-${name}.png`), fullPage: true });
};

async function openTab(page: Page, tab: string) {
  await page.getByRole('navigation').getByRole('link', { name: '投诉' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

/** CMP-8 follow-up summary report and the complaint policy editor, as the people who use them. */
describe('complaint follow-up report and policy console', () => {
  let h: ConsoleHarness;
  let siteId: string;
  beforeAll(async () => {
    h = await startConsole();
    siteId = await h.app.ids.site('demo-sales');
  });
  afterAll(() => h?.close());

  /** A resolved complaint called back a week ago (last ISO week, the page's default period). */
  async function calledLastWeek(name: string, answers: object) {
    const planned = new Date(Date.now() - 7 * 86_400_000);
    const [{ id }] = await h.app.db.query(
      `INSERT INTO complaint (site_id, state, channel, complainant_name, contact, content, subject_type, important_customer, received_at, base_level, severity, kind, validity, category, department, policy_version)
       VALUES ($1, 'followed_up', 'phone', $2, '13800138000', '回访报告', 'none', true, $3, 0, 'normal', 'complaint', 'valid', 'service', 'sales', 1) RETURNING id`,
      [siteId, name, new Date(planned.getTime() - 86_400_000)],
    );
    await h.app.db.query(
      `INSERT INTO complaint_follow_up (site_id, complaint_id, status, planned_at, due_by, assignee_role, done_at, answers) VALUES ($1, $2, 'done', $3, $4, 'supervisor', $5, $6)`,
      [siteId, id, planned, new Date(planned.getTime() + 72 * 3_600_000), new Date(planned.getTime() + 3_600_000), JSON.stringify(answers)],
    );
  }

  it('CMP-8: a supervisor sees the week’s figures, writes the causes and improvements and publishes the report (frozen)', async () => {
    await calledLastWeek('钱先生', { solved: false, attitude: 'unsatisfied', charged: true, score: 4, suggestions: '维修师傅迟到一小时' });
    const page = await h.newPage();
    await signIn(page, 'supervisor');
    await openTab(page, '总结报告');
    const figures = page.getByTestId('report-figures');
    await figures.and(page.locator('[data-done="1"]')).waitFor();
    // The unsatisfied call with its category, and the suggestion.
    await figures.getByRole('row').filter({ hasText: '钱先生' }).filter({ hasText: '服务' }).waitFor();
    await figures.getByText('维修师傅迟到一小时').waitFor();
    expect(await page.getByTestId('score-4').getAttribute('data-value')).toBe('1');
    // Publishing without the improvements is refused in words.
    await page.getByLabel('原因分析').fill('维修师傅排班不足，周末上门迟到');
    await page.getByRole('button', { name: buttonName('发布') }).click();
    await page.getByTestId('report-problem').filter({ hasText: '改进措施' }).waitFor();
    await page.getByLabel('改进措施').fill('周末增派一名维修师傅；迟到超过半小时由主管致电致歉');
    await page.getByRole('button', { name: buttonName('发布') }).click();
    await page.getByTestId('report-published-tag').filter({ hasText: '第 1 版' }).waitFor();
    await page.getByTestId('report-text').getByText('周末增派一名维修师傅；迟到超过半小时由主管致电致歉').waitFor();
    await shot(page, 'published');
    const [row] = await h.app.db.query(`SELECT status, version, causes, figures FROM complaint_follow_up_report WHERE site_id = $1 AND status = 'published'`, [siteId]);
    expect(row).toMatchObject({ status: 'published', version: 1, causes: '维修师傅排班不足，周末上门迟到', figures: { done: 1, reopened: 0, chargedCount: 1 } });
    // It is listed among the published reports.
    await page.getByRole('row').filter({ hasText: '陈主管' }).first().waitFor();
  });

  it('a manager publishes a policy with another first-response target; a refused one is explained field by field', async () => {
    const page = await h.newPage();
    await signIn(page, 'manager');
    await openTab(page, '投诉制度');
    const version = Number(await page.getByTestId('policy-version').getAttribute('data-version'));
    const first = page.getByLabel('一般 · 首次响应');
    const resolution = page.getByLabel('一般 · 解决');
    // A resolution shorter than the first response: refused, said in words, nothing published.
    await resolution.fill('10');
    await first.fill('45');
    await page.getByRole('button', { name: buttonName(`发布为第 ${version + 1} 版`) }).click();
    await page.getByTestId('policy-errors').filter({ hasText: '解决时限不能短于首次响应时限' }).filter({ hasText: '一般' }).waitFor();
    expect(Number(await page.getByTestId('policy-version').getAttribute('data-version'))).toBe(version);
    await resolution.fill('1620');
    await page.getByRole('button', { name: buttonName(`发布为第 ${version + 1} 版`) }).click();
    await page.locator(`[data-testid="policy-version"][data-version="${version + 1}"]`).waitFor();
    expect(await page.getByLabel('一般 · 首次响应').inputValue()).toBe('45');
    await shot(page, 'policy');
    const [{ policy }] = await h.app.db.query(`SELECT policy FROM complaint_policy WHERE site_id = $1 ORDER BY version DESC LIMIT 1`, [siteId]);
    expect(policy.sla.bySeverity.normal).toEqual({ firstResponseMinutes: 45, resolutionMinutes: 1620 });
  });

  it('an agent reads the report and the policy but sees no button to publish either', async () => {
    const page = await h.newPage();
    await signIn(page, 'cs_agent');
    await openTab(page, '总结报告');
    await page.getByTestId('report-figures').waitFor();
    expect(await page.getByRole('button', { name: buttonName('发布') }).count()).toBe(0);
    expect(await page.getByRole('button', { name: buttonName('保存草稿') }).count()).toBe(0);
    await page.getByRole('tab', { name: '投诉制度' }).click();
    await page.getByTestId('policy-version').waitFor();
    await page.getByText('只有经理及以上角色可以发布新的制度版本').waitFor();
    expect(await page.getByRole('button', { name: /发布为第/ }).count()).toBe(0);
    expect(await page.getByLabel('一般 · 首次响应').isDisabled()).toBe(true);
  });
});
