import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { serveDist } from './static-server';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const CHROMIUM = '/usr/bin/chromium';
/** Where the e2e suites leave their screenshots. */
export const SHOTS_DIR = path.join(ROOT, 'test-results');

/** Serves the production build and starts Debian's Chromium (never a downloaded browser). */
export async function startPaneBrowser(): Promise<{ browser: Browser; server: Awaited<ReturnType<typeof serveDist>> }> {
  if (!existsSync(path.join(DIST, 'taskpane.html'))) throw new Error('Run `npm run build` first: the e2e suite serves dist/.');
  if (!existsSync(CHROMIUM)) throw new Error('apt-get install -y chromium');
  mkdirSync(SHOTS_DIR, { recursive: true });
  const server = await serveDist(DIST);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
  return { browser, server };
}

/** Opens the built pane in browser mode at a pane width; Office.js (Microsoft's CDN) is unreachable, as outside Office. */
export async function openPaneAt(browser: Browser, url: string, options: { locale?: string; width?: number } = {}): Promise<Page> {
  // Reduced motion: Fluent then skips its colour transitions, so axe never measures a button half-way through one.
  const context = await browser.newContext({
    viewport: { width: options.width ?? 320, height: 800 },
    locale: options.locale ?? 'en-US',
    acceptDownloads: true,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(`${url}/taskpane.html`);
  return page;
}

/** Serious and critical axe-core violations on the page as it is now (Fluent's focus sentinels left out). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    // Tabster (Fluent's focus manager) adds aria-hidden focus sentinels on purpose; axe reads them as focusable hidden content.
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** How far the page scrolls sideways (0: it fits the pane). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export async function screenshot(page: Page, dir: string, name: string): Promise<void> {
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
