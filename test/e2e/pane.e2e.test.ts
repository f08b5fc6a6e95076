import { existsSync, mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { cli, formulaOf, loadXlsx, tempDir, writeXlsx } from '../helpers/workbook-files';
import { serveDist } from './static-server';

// The task pane in browser mode, driven in Debian's Chromium (never a downloaded browser).
const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const SHOTS = path.join(ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveDist>>;
let dir: string;

beforeAll(async () => {
  if (!existsSync(path.join(DIST, 'taskpane.html'))) throw new Error('Run `npm run build` first: the e2e suite serves dist/.');
  if (!existsSync(CHROMIUM)) throw new Error('apt-get install -y chromium');
  mkdirSync(SHOTS, { recursive: true });
  dir = await tempDir('funnel-e2e-');
  server = await serveDist(DIST);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPane(locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 }, locale, acceptDownloads: true });
  const page = await context.newPage();
  // Office.js comes from Microsoft's CDN, unreachable here: the pane must fall back to browser mode by itself.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(`${server.url}/taskpane.html`);
  return page;
}

/** Saves a screenshot, runs axe-core in the page (no serious or critical violation), and checks nothing scrolls sideways at 320 px. */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    // Tabster (Fluent's focus manager) adds aria-hidden focus sentinels on purpose; axe reads them as focusable hidden content.
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect({ screen: name, violations }).toEqual({ screen: name, violations: [] });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect({ screen: name, overflow }).toEqual({ screen: name, overflow: 0 });
}

describe('task pane in browser mode (Chromium)', () => {
  it('opens the sample, generates a month, and downloads a workbook with the report tab', async () => {
    const sample = path.join(dir, 'sample.xlsx');
    expect((await cli('sample', sample, '--deals', '800')).code).toBe(0);
    const page = await openPane();
    await page.getByRole('tab', { name: 'Reports' }).waitFor();
    await shot(page, '1-opened');
    await page.getByLabel('Open workbook (.xlsx)').first().setInputFiles(sample);
    await page.getByText('Opened sample.xlsx').waitFor();
    await page.getByLabel('Report month').fill('2026-03');
    await page.getByRole('button', { name: 'Generate report' }).click();
    await page.getByText(/Report 2026-03 written: 800 deals read/).waitFor();
    await shot(page, '2-generated');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download workbook' }).click();
    const file = path.join(dir, 'downloaded.xlsx');
    await (await download).saveAs(file);
    const wb = await loadXlsx(file);
    const ws = wb.getWorksheet('Report 2026-03')!;
    expect(ws.getCell('A1').value).toBe('Funnel report 2026-03');
    let stageHeader = 0;
    ws.eachRow((row, r) => {
      if (!stageHeader && row.getCell(1).value === 'Stage') stageHeader = r;
    });
    const reached = [1, 2, 3, 4, 5, 6].map((k) => formulaOf(ws.getCell(stageHeader + k, 2)) ?? '');
    expect(reached.every((f) => f.startsWith('COUNTIFS('))).toBe(true);
    expect(ws.getCell(stageHeader + 6, 1).value).toBe('Won');

    await page.getByRole('tab', { name: 'Data issues' }).click();
    await page.getByText('Not a number').waitFor();
    await shot(page, '3-issues');
    await page.context().close();
  });

  it('fixes a column mapping in the Pipeline tab, then generates with it', async () => {
    const file = path.join(dir, 'unmapped.xlsx');
    await writeXlsx(file, [
      {
        name: 'Deals',
        rows: [
          ['Deal ID', 'Account', 'Stage', 'Created', 'Close Date', 'Expected Revenue'],
          ['D1', 'Acme', 'Won', 46030, 46040, 1200],
          ['D2', 'Beta', 'Proposal', 46031, null, 300],
        ],
      },
    ]);
    const page = await openPane();
    await page.getByLabel('Open workbook (.xlsx)').first().setInputFiles(file);
    await page.getByText('Opened unmapped.xlsx').waitFor();
    await page.getByRole('tab', { name: 'Pipeline' }).click();
    await page.getByText('Required fields without a column: Amount. Pick their columns below.').waitFor();
    await page.getByRole('combobox', { name: 'Amount (required)' }).click();
    await page.getByRole('option', { name: 'Expected Revenue' }).click();
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByText('Mapping saved in the workbook: the next report uses it.').waitFor();
    await shot(page, '2b-mapping');
    await page.getByRole('tab', { name: 'Reports' }).click();
    await page.getByLabel('Report month').fill('2026-01');
    await page.getByRole('button', { name: 'Generate report' }).click();
    await page.getByText(/Report 2026-01 written: 2 deals read/).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download workbook' }).click();
    const out = path.join(dir, 'mapped.xlsx');
    await (await download).saveAs(out);
    const wb = await loadXlsx(out);
    const ws = wb.getWorksheet('Report 2026-01')!;
    let revenue: unknown = null;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'Revenue') revenue = (row.getCell(2).value as { result?: unknown }).result;
    });
    expect(revenue).toBe(1200);
    await page.context().close();
  });

  it('reads Chinese headers in the zh-CN interface', async () => {
    const file = path.join(dir, 'zh.xlsx');
    await writeXlsx(file, [
      {
        name: '商机',
        rows: [
          ['商机编号', '客户名称', '销售阶段', '创建日期', '成交日期', '金额'],
          ['A1', '甲公司', '成交', '2026年3月2日', '2026/03/20', '¥12,000'],
          ['A2', '乙公司', '商机', '2026-03-05', null, 5000],
        ],
      },
    ]);
    const page = await openPane('zh-CN');
    await page.getByRole('tab', { name: '报告' }).waitFor();
    await page.getByLabel('打开工作簿（.xlsx）').first().setInputFiles(file);
    await page.getByLabel('报告月份').fill('2026-03');
    await page.getByRole('button', { name: '生成报告' }).click();
    await page.getByText(/已写入 Report 2026-03：读取 2 条商机，0 个数据问题。/).waitFor();
    await shot(page, '4-zh-CN');
    await page.context().close();
  });

  it('says clearly what is wrong with a broken workbook', async () => {
    const file = path.join(dir, 'broken.xlsx');
    await fs.writeFile(file, 'this is not a workbook');
    const page = await openPane();
    await page.getByLabel('Open workbook (.xlsx)').first().setInputFiles(file);
    await page.getByText('broken.xlsx: The file is not an .xlsx workbook.').waitFor();
    await shot(page, '5-broken');
    await page.context().close();
  });
});
