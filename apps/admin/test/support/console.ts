import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD, demoLogin } from '../../../api/src/database/seeds/demo.js';
import { startTestApp, type TestApp } from '../../../api/test/support/test-app.js';

/** The real API on its own cloned database, serving the built console, and a headless chromium. */
export interface ConsoleHarness {
  app: TestApp;
  browser: Browser;
  /** A page in a fresh browser context (its own localStorage): one person at a time. It asks for reduced motion unless `motion` is set. */
  newPage: (options?: { motion?: boolean }) => Promise<Page>;
  close: () => Promise<void>;
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function startConsole(): Promise<ConsoleHarness> {
  const [app, browser] = await Promise.all([
    startTestApp({ listen: true, adminDist: path.resolve('dist/admin') }),
    chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS }),
  ]);
  return {
    app,
    browser,
    newPage: async ({ motion = false } = {}) => {
      // Without motion a dialog or a select list is there at once: no click lost while it zooms or slides in.
      const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1440, height: 900 }, reducedMotion: motion ? 'no-preference' : 'reduce' });
      context.setDefaultTimeout(10_000);
      return context.newPage();
    },
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

/**
 * A button's accessible name pattern. Ant Design spaces a label of exactly two Chinese characters
 * ("登 录"), and a button that was loading may keep its collapsing spinner ("loading 登 录") a moment.
 */
export const buttonName = (label: string) => new RegExp(`${[...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s?')}$`);

/** Signs a demo user in through the login form and waits for the console's navigation. */
export async function signIn(page: Page, who: string) {
  await page.goto('/login');
  await page.getByLabel(/^(账号|Login)$/).fill(demoLogin(who));
  await page.getByLabel(/^(密码|Password)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /(登\s?录|Sign in)$/ }).click();
  await page.getByRole('navigation').getByRole('menuitem').first().waitFor();
}

/** The labels of the navigation's entries, in order. */
export const navigationLabels = (page: Page) => page.getByRole('navigation').getByRole('menuitem').allInnerTexts();

/**
 * Picks an option of an Ant Design select found by its label within `scope` (a form, a dialog), typing
 * to filter when `search` is given. The option list is rendered at the end of the page.
 */
export async function choose(scope: Locator, label: string, option: string, search?: string) {
  const field = scope.getByLabel(label, { exact: true });
  await field.click();
  if (search) await field.fill(search);
  await pickOption(scope.page(), (list) => list.getByTitle(option, { exact: true }));
}

/** Clicks an option of the select list that is open, once the list stands still (a click while it slides in can be lost under load). */
export async function pickOption(page: Page, option: (list: Locator) => Locator) {
  const item = option(page.locator('.ant-select-dropdown:visible'));
  await item.waitFor();
  await settled(item);
  await item.click();
}

/** Confirms a dialog with its button once the dialog stands still, and waits until it has closed (a click while it zooms in can be lost under load). */
export async function confirmDialog(page: Page, dialogName: string, button: string) {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.waitFor();
  await settled(dialog);
  await dialog.getByRole('button', { name: buttonName(button) }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** A single select closes its list with an animation that still covers what lies beneath: wait it out before clicking there. */
export async function selectClosed(page: Page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.ant-select-dropdown')].every((d) => d.classList.contains('ant-select-dropdown-hidden') || (d as HTMLElement).offsetParent === null),
  );
}

/**
 * Waits until nothing in `scope` is animating (a dialog zooming in can lose a click on a slow machine).
 * Endless animations (a spinner, a skeleton's shimmer) never finish and are not waited for; after 5 s
 * it gives up waiting rather than hang the test.
 */
export async function settled(scope: Locator) {
  await scope.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        // A dialog, or the select list an option is in, animates as a whole.
        const root = el.closest('.ant-modal-wrap, .ant-select-dropdown') ?? el;
        const giveUp = Date.now() + 5_000;
        const finite = (a: Animation) => a.effect?.getTiming().iterations !== Infinity;
        const check = () => (Date.now() < giveUp && root.getAnimations({ subtree: true }).some((a) => a.playState === 'running' && finite(a)) ? setTimeout(check, 16) : resolve());
        check();
      }),
  );
}
