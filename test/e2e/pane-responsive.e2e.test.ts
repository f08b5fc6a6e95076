import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_DATE_COLUMNS, samplePipeline } from '../../src/core/sample/sample-pipeline';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { tempDir, writeXlsx } from '../helpers/workbook-files';
import { axeViolations, openPaneAt, screenshot, SHOTS_DIR, sidewaysScroll, startPaneBrowser } from './pane-page';
import { serveDist } from './static-server';

// Issue #15: the pane computes off the page's thread, says honestly how a run went, and fits 270–450 px.
let browser: Browser;
let server: Awaited<ReturnType<typeof serveDist>>;
let dir: string;
let big: string;
const SHOTS = SHOTS_DIR;

beforeAll(async () => {
  ({ browser, server } = await startPaneBrowser());
  dir = await tempDir('funnel-e2e-pane-');
  const book = XlsxPackage.create();
  book.addValuesSheet('Pipeline', samplePipeline({ deals: 100_000, seed: 11 }), { dateColumns: SAMPLE_DATE_COLUMNS });
  big = path.join(dir, 'deals-100k.xlsx');
  await fs.writeFile(big, book.toBytes());
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Starts recording main-thread long tasks and the moment a progress text first shows. */
async function watchMainThread(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[]; progressAt: number | null };
    w.longTasks = [];
    w.progressAt = null;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push({ start: e.startTime, duration: e.duration }))).observe({
      type: 'longtask',
      buffered: false,
    });
    new MutationObserver(() => {
      if (w.progressAt === null && document.querySelector('[role="status"]')?.textContent) w.progressAt = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * Clicks a button in a task of the page's own (so the click's work counts as the page's, long tasks included) and
 * returns when (performance.now()) the click happened.
 */
async function clickAt(page: Page, name: string): Promise<number> {
  await page.getByRole('button', { name, exact: true }).waitFor();
  await page.evaluate((label) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label)!;
    setTimeout(() => {
      (window as unknown as { clickedAt: number }).clickedAt = performance.now();
      button.click();
    }, 0);
  }, name);
  await page.waitForFunction(() => (window as unknown as { clickedAt?: number }).clickedAt !== undefined);
  return page.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
}

async function openFile(page: Page, file: string, label = 'Open workbook (.xlsx or .csv)'): Promise<void> {
  await page.getByLabel(label).setInputFiles(file);
}

describe('task pane never freezes (Chromium, 100,000 deals)', () => {
  it('computes in a worker: no long task over 200 ms from the click to the result, progress within 100 ms', async () => {
    const page = await openPaneAt(browser, server.url);
    await openFile(page, big);
    await page.getByText('Opened deals-100k.xlsx').waitFor({ timeout: 60_000 });
    await page.getByLabel('Report month').fill('2026-03');
    await watchMainThread(page);
    // The observer sees long tasks here: a 150 ms task of our own is recorded (then forgotten).
    // (A task of the page's own: what Playwright evaluates through DevTools is not reported as a long task.)
    await page.evaluate(() =>
      setTimeout(() => {
        const t = performance.now();
        while (performance.now() - t < 150);
      }, 0),
    );
    await page.waitForFunction(() => (window as unknown as { longTasks: unknown[] }).longTasks.length > 0);
    await page.evaluate(() => ((window as unknown as { longTasks: unknown[] }).longTasks.length = 0));
    const clicked = await clickAt(page, 'Generate report');
    await page.locator('[data-outcome]').waitFor({ timeout: 120_000 });
    const done = await page.evaluate(() => performance.now());
    const { longTasks, progressAt } = await page.evaluate(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[]; progressAt: number | null };
      return { longTasks: w.longTasks, progressAt: w.progressAt };
    });
    const during = longTasks.filter((t) => t.start + t.duration >= clicked && t.start <= done);
    const longest = Math.max(0, ...during.map((t) => t.duration));
    console.log(
      `100k deals, one month: ${Math.round(done - clicked)} ms click to result; progress ` +
        `after ${Math.round((progressAt ?? Infinity) - clicked)} ms; longest main-thread task ${Math.round(longest)} ms ` +
        `(${during.length} long tasks)`,
    );
    expect(progressAt).not.toBeNull();
    expect(progressAt! - clicked).toBeLessThanOrEqual(100);
    expect(longest).toBeLessThanOrEqual(200);
    await page.getByText(/Report 2026-03 written: 100,000 deals read/).waitFor();
    await page.context().close();
  }, 240_000);

  it('cancels a run of all months: nothing is written, and the next run works', async () => {
    const page = await openPaneAt(browser, server.url);
    await openFile(page, big);
    await page.getByText('Opened deals-100k.xlsx').waitFor({ timeout: 60_000 });
    await page.getByLabel('All months').check();
    await page.getByRole('button', { name: 'Generate report' }).click();
    await page.getByRole('status').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('[data-outcome="cancelled"]').waitFor({ timeout: 120_000 });
    await page.getByText('Cancelled: nothing was written, the workbook is as it was.').waitFor();
    await screenshot(page, SHOTS, 'p15-cancelled');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download workbook' }).click();
    const file = path.join(dir, 'after-cancel.xlsx');
    await (await download).saveAs(file);
    const sheets = (await XlsxPackage.fromBytes(new Uint8Array(await fs.readFile(file))).listSheets()).map((s) => s.name);
    expect(sheets).toEqual(['Pipeline']);
    await page.getByLabel('All months').uncheck();
    await page.getByLabel('Report month').fill('2026-03');
    await page.getByRole('button', { name: 'Generate report' }).click();
    await page.getByText(/Report 2026-03 written: 100,000 deals read/).waitFor({ timeout: 120_000 });
    await page.context().close();
  }, 240_000);
});

describe('task pane says honestly how a run went (Chromium)', () => {
  it('warns, in Chinese with lang="zh-CN", when the stages match no configured stage, and opens the stage editor listing them', async () => {
    const file = path.join(dir, 'zh-unmatched.xlsx');
    // None is a stage name or synonym (需求确认 is Opportunity's since issue #16).
    const stages = ['初步接洽', '意向沟通', '报价中', '赢单', '输单'];
    const rows: (string | number | null)[][] = [['商机编号', '客户名称', '销售阶段', '创建日期', '成交日期', '金额']];
    for (let i = 0; i < 60; i++) rows.push([`A${i}`, `客户${i % 9}`, stages[i % 3]!, `2026-03-${String(1 + (i % 27)).padStart(2, '0')}`, null, 1000 + i]);
    await writeXlsx(file, [{ name: '商机', rows }]);
    const page = await openPaneAt(browser, server.url, { locale: 'zh-CN' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await openFile(page, file, '打开工作簿（.xlsx 或 .csv）');
    await page.getByText('已打开 zh-unmatched.xlsx').waitFor();
    await page.getByLabel('报告月份').fill('2026-03');
    await page.getByRole('button', { name: '生成报告' }).click();
    await page.locator('[data-outcome]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-outcome]').getAttribute('data-outcome')).toBe('warning');
    await page
      .getByText(/初步接洽 \(20\)/)
      .first()
      .waitFor();
    await screenshot(page, SHOTS, 'p15-zh-warning');
    await page.getByRole('button', { name: '编辑阶段' }).click();
    const listed = page.getByText(/数据中与任何阶段都不匹配的阶段值/);
    await listed.waitFor();
    for (const stage of stages.slice(0, 3)) expect(await listed.textContent()).toContain(stage);
    await screenshot(page, SHOTS, 'p15-zh-stage-editor');
    await page.context().close();
  }, 120_000);

  it('refuses to save invalid stages, with a message at each', async () => {
    const page = await openPaneAt(browser, server.url);
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await page.getByText('Opened sample-pipeline.xlsx').waitFor();
    await page.getByRole('tab', { name: 'Pipeline' }).click();
    await page.getByLabel('Stage 1 name').fill('');
    await page.getByLabel('Stage 2 name').fill('Proposal');
    await page.getByLabel('Stage 4 probability (%)').fill('150');
    await page.getByRole('button', { name: 'Save stages' }).click();
    await page.getByText('Nothing was saved: fix the stages marked above.').waitFor();
    for (const text of ['Give the stage a name.', 'Another stage already has this name.', 'Enter a probability from 0 to 100.'])
      await page.getByText(text).first().waitFor();
    expect(await page.getByText('Stages saved in the workbook.').count()).toBe(0);
    await screenshot(page, SHOTS, 'p15-stages-invalid');
    // The workbook still has the stages it had.
    await page.getByRole('tab', { name: 'Reports' }).click();
    await page.getByRole('tab', { name: 'Pipeline' }).click();
    expect(await page.getByLabel('Stage 1 name').inputValue()).toBe('Lead');
    await page.context().close();
  }, 120_000);
});

describe('task pane at 270, 320 and 450 px (Chromium)', () => {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    for (const width of [270, 320, 450]) {
      it(`fits ${width} px in ${locale}: no sideways scroll, no serious axe violation with every issue group expanded and every wizard step open`, async () => {
        const zh = locale === 'zh-CN';
        const page = await openPaneAt(browser, server.url, { locale, width });
        await page.getByRole('button', { name: zh ? '试用示例数据' : 'Try sample data' }).click();
        await page.getByText(zh ? '已打开 sample-pipeline.xlsx' : 'Opened sample-pipeline.xlsx').waitFor();
        await page.getByRole('button', { name: zh ? '生成报告' : 'Generate report' }).click();
        await page.locator('[data-outcome]').waitFor({ timeout: 60_000 });
        const name = `p15-result-${locale}-${width}`;
        await screenshot(page, SHOTS, name);
        const problems: Record<string, unknown> = {};
        const check = async (screen: string) => {
          const violations = await axeViolations(page);
          const overflow = await sidewaysScroll(page);
          if (violations.length > 0 || overflow !== 0) problems[screen] = { violations, overflow };
        };
        await check('result');
        await page.getByRole('tab', { name: zh ? '数据问题' : 'Data issues' }).click();
        const headers = page.locator('.fui-AccordionHeader button[aria-expanded="false"]');
        while ((await headers.count()) > 0) await headers.first().click();
        await screenshot(page, SHOTS, `p15-issues-${locale}-${width}`);
        await check('issues');
        await page.getByRole('tab', { name: zh ? '商机表' : 'Pipeline' }).click();
        await page.getByRole('button', { name: zh ? '保存阶段' : 'Save stages' }).waitFor();
        await screenshot(page, SHOTS, `p15-pipeline-${locale}-${width}`);
        await check('pipeline');
        await page.getByRole('tab', { name: zh ? '规划与风险' : 'Plan & risks' }).click();
        const steps = zh
          ? ['1. 目标', '2. 关键指标与目标', '3. 策略与团队', '4. 风险']
          : ['1. Goals', '2. Key metrics and targets', '3. Strategy and team', '4. Risks'];
        for (const step of steps) {
          await page.getByRole('button', { name: step }).click();
          await page.getByRole('heading', { level: 2, name: step.replace(/^\d\. /, '') }).waitFor();
          await check(`plan ${step}`);
        }
        await screenshot(page, SHOTS, `p15-plan-${locale}-${width}`);
        expect(problems).toEqual({});
        await page.context().close();
      }, 180_000);
    }
  }
});
