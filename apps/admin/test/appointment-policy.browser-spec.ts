import { buttonName, signIn, startConsole, type ConsoleHarness } from './support/console.js';

/**
 * The appointment policy screen (RES-7, RES-9, RES-10): everyone on staff reads the current version; the
 * site manager publishes a new one, refused in words on the field when the rules do not fit together.
 */
describe('appointment policy page', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h?.close());

  it('a service advisor reads the policy without the publish button; the manager’s inconsistent version is refused in words and nothing is written; a valid one is published', async () => {
    const siteId = await h.app.ids.site('demo-service');
    const versions = async () => (await h.app.db.query(`SELECT count(*)::int AS n FROM appointment_policy WHERE site_id = $1`, [siteId]))[0].n as number;

    const advisor = await h.newPage();
    await signIn(advisor, 'service_advisor');
    await advisor.getByRole('navigation').getByRole('link', { name: '预约与收楼' }).click();
    await advisor.getByRole('tab', { name: '预约设置' }).click();
    await advisor.getByTestId('appointment-policy').getByText('4 个工位').waitFor();
    await advisor.getByTestId('appointment-policy').getByText('08:30–17:30，每个时段 60 分钟').waitFor();
    await advisor.getByText('只有案场经理可以发布新的预约设置。').waitFor();
    expect(await advisor.getByRole('button', { name: buttonName('发布新版本') }).count()).toBe(0);

    const manager = await h.newPage();
    await signIn(manager, 'service_manager');
    await manager.getByRole('navigation').getByRole('link', { name: '预约与收楼' }).click();
    await manager.getByRole('tab', { name: '预约设置' }).click();
    await manager.getByTestId('appointment-policy').getByText('4 个工位').waitFor();
    const before = await versions();
    await manager.getByTestId('appointment-policy-publish').click();
    const form = manager.getByRole('dialog').filter({ hasText: '发布新的预约设置' });
    // 08:30–17:30 is 540 minutes: 50-minute slots do not fit; a group leader cannot take more than the slot.
    await form.getByLabel('时段长度').fill('50');
    await form.getByLabel('每位组长每个时段的业主数').fill('9');
    await form.getByRole('button', { name: buttonName('发布新版本') }).click();
    await form.getByText('营业时段须能分成整数个时段：请调整时段长度或起止时间').waitFor();
    await form.getByText('每位组长的名额不能超过每个时段的业主数').waitFor();
    await form.getByLabel('最后一个时段结束').fill('8:00');
    await form.getByRole('button', { name: buttonName('发布新版本') }).click();
    await form.getByText('请按 时:分 填写，如 08:30').waitFor();
    expect(await versions()).toBe(before);

    await form.getByLabel('最后一个时段结束').fill('18:30');
    await form.getByLabel('时段长度').fill('30');
    await form.getByLabel('每位组长每个时段的业主数').fill('3');
    await form.getByLabel('维修工位数').fill('6');
    await form.getByLabel('高价配件起点').fill('2500');
    await form.getByRole('button', { name: buttonName('发布新版本') }).click();
    await manager.getByTestId('appointment-policy').getByText('6 个工位').waitFor();
    await manager.getByTestId('appointment-policy').getByText('08:30–18:30，每个时段 30 分钟').waitFor();
    await manager.getByTestId('appointment-policy').getByText(/配件价 ≥ ¥2,500\.00 为高价配件/).waitFor();
    const [row] = await h.app.db.query(`SELECT version, policy FROM appointment_policy WHERE site_id = $1 ORDER BY version DESC LIMIT 1`, [siteId]);
    expect(row.policy).toMatchObject({ bays: 6, slotMinutes: 30, dayEnd: '18:30', moveInLeaderCapacity: 3, highValuePartsFen: 250_000 });
    expect(await versions()).toBe(before + 1);
    await manager.getByText(`预约设置 · 第 ${row.version} 版`).waitFor();

    // The same page in English.
    await manager.getByRole('banner').getByText('English').click();
    await manager.getByText(`Appointment policy · version ${row.version}`).waitFor();
    await manager.getByTestId('appointment-policy').getByText('6 bays').waitFor();
  });
});
