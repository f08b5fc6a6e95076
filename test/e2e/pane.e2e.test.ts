import { existsSync, mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { cli, formulaOf, loadXlsx, rowStartingWith, tempDir, writeXlsx } from '../helpers/workbook-files';
import { serveDist } from './static-server';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { xmlProblems } from '../helpers/xml-check';
import { readFileSync } from 'node:fs';
import { samplePipeline, SAMPLE_DATE_COLUMNS } from '../../src/core/sample/sample-pipeline';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';

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
/** Clicks "Download workbook" and saves the file the page hands over; returns its path. */
async function downloadWorkbook(page: Page, name: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download workbook' }).click();
  const file = path.join(dir, name);
  await (await download).saveAs(file);
  return file;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    // Tabster (Fluent's focus manager) adds aria-hidden focus sentinels on purpose; axe reads them as focusable hidden content.
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
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
    await page.getByLabel('Open workbook (.xlsx or .csv)').first().setInputFiles(sample);
    await page.getByText('Opened sample.xlsx').waitFor();
    await page.getByLabel('Report month').fill('2026-03');
    await page.getByRole('button', { name: 'Generate report' }).click();
    await page.getByText(/Report 2026-03 written: 800 deals read/).waitFor();
    await shot(page, '2-generated');

    const file = await downloadWorkbook(page, 'downloaded.xlsx');
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
    await page.getByLabel('Open workbook (.xlsx or .csv)').first().setInputFiles(file);
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
    const out = await downloadWorkbook(page, 'mapped.xlsx');
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
    await page.getByLabel('打开工作簿（.xlsx 或 .csv）').first().setInputFiles(file);
    await page.getByLabel('报告月份').fill('2026-03');
    await page.getByRole('button', { name: '生成报告' }).click();
    await page.getByText(/已写入 报告 2026-03：读取 2 条商机，0 个数据问题。/).waitFor();
    await shot(page, '4-zh-CN');
    await page.context().close();
  });

  it('goes through the plan wizard, saves, and downloads a workbook with the Sales Plan and the Risk Register', async () => {
    const sample = path.join(dir, 'plan-sample.xlsx');
    expect((await cli('sample', sample, '--deals', '300')).code).toBe(0);
    const page = await openPane();
    await page.getByLabel('Open workbook (.xlsx or .csv)').first().setInputFiles(sample);
    await page.getByText('Opened plan-sample.xlsx').waitFor();
    await page.getByRole('tab', { name: 'Plan & risks' }).click();
    await page.getByRole('heading', { name: 'Goals', level: 2 }).waitFor();

    const short = page.getByRole('group', { name: 'Short term (3 months)' });
    await short.getByLabel('Goal', { exact: true }).fill('Grow revenue in the north');
    await short.getByLabel('Target', { exact: true }).fill('250000');
    await short.getByLabel('Deadline', { exact: true }).fill('2026-06-30');
    await short.getByLabel('Owner', { exact: true }).fill('Wang');
    await shot(page, '6-plan-goals');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'Key metrics and targets', level: 2 }).waitFor();
    const targets = page.getByRole('group', { name: 'Monthly revenue targets' });
    const firstMonth = await targets.locator('label').first().textContent();
    await targets.getByRole('textbox').first().fill('80000');
    await shot(page, '7-plan-metrics');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'Strategy and team', level: 2 }).waitFor();
    await page.getByRole('group', { name: 'Positioning' }).getByLabel('Plan', { exact: true }).fill('Mid-market manufacturers');
    await shot(page, '8-plan-strategy');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'Risks', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Insert starter risks' }).click();
    await page.getByText('6 starter risks added to the list: they are written when you save.').waitFor();
    const form = page.getByRole('group', { name: 'Add a risk' });
    await form.getByLabel('Title').fill('Price war in the south');
    for (const [field, option] of [
      ['Category', 'Competitor'],
      ['Probability (1-5)', '4 · Likely'],
      ['Impact (1-5)', '5 · Severe'],
      ['Response strategy', 'Escalate'],
    ] as const) {
      await form.getByRole('combobox', { name: field }).click();
      await page.getByRole('option', { name: option }).click();
    }
    await form.getByRole('button', { name: 'Add risk' }).click();
    await page.getByText('P4 × I5 = 20 · Critical').waitFor();
    await shot(page, '9-plan-risks');
    await page.getByRole('button', { name: 'Save plan and risks' }).click();
    await page.getByText(/^Saved: Sales Plan \(3 goals, 1 monthly targets set\) and Risk Register \(7 risks\)\.$/).waitFor();
    await shot(page, '10-plan-saved');
    // The wizard reopened with the saved register: a risk is edited in place and saved again.
    await page.getByRole('button', { name: 'Edit Competitor action' }).click();
    const editor = page.getByRole('group', { name: 'Change Competitor action' });
    await editor.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Monitoring' }).click();
    await editor.getByLabel('Contingency owner').fill('Chen');
    await shot(page, '10b-plan-risk-edit');
    await editor.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Save plan and risks' }).click();
    await page.getByText(/^Saved: Sales Plan \(3 goals, 1 monthly targets set\) and Risk Register \(7 risks\)\.$/).waitFor();

    const file = await downloadWorkbook(page, 'planned.xlsx');
    const wb = await loadXlsx(file);
    const plan = wb.getWorksheet('Sales Plan')!;
    const register = wb.getWorksheet('Risk Register')!;
    expect(plan && register).toBeTruthy();
    const rowOf = (text: string) => rowStartingWith(plan, text);
    const goals = rowOf('Horizon');
    expect([1, 2, 5, 7].map((c) => plan.getCell(goals + 1, c).value)).toEqual(['Short term (3 months)', 'Grow revenue in the north', 250000, 'Wang']);
    const targetsRow = rowOf('month');
    expect([plan.getCell(targetsRow + 1, 1).value, plan.getCell(targetsRow + 1, 2).value]).toEqual([firstMonth, 80000]);
    expect(plan.getCell(rowOf('Area') + 1, 2).value).toBe('Mid-market manufacturers');
    const titles = [5, 6, 7, 8, 9, 10, 11].map((r) => register.getCell(r, 2).value);
    expect(titles).toEqual([
      'Market demand change',
      'Competitor action',
      'Policy or regulation change',
      'Key-customer loss',
      'Channel conflict',
      'Team turnover',
      'Price war in the south',
    ]);
    expect(register.getCell(11, 1).value).toBe('R-007');
    expect([9, 12, 14].map((c) => register.getCell(6, c).value)).toEqual(['Mitigate', 'Chen', 'Monitoring']);
    expect(formulaOf(register.getCell(11, 7))).toContain('E11*F11');
    // The heat map is coloured by the level of each cell's P × I (SPEC §7), one rule per level band, not by its count.
    const rules = (register as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] }).conditionalFormattings
      .filter((cf) => cf.ref === 'S13:W17')
      .flatMap((cf) => cf.rules);
    expect(rules.length).toBeGreaterThanOrEqual(3);
    expect(rules.every((r) => r.type === 'expression')).toBe(true);
    expect(rules.every((r) => /^AND\(\$R13\*S\$12>=/.test(r.formulae?.[0] ?? ''))).toBe(true);
    expect(rules.some((r) => r.type === 'colorScale')).toBe(false);
    await page.context().close();
  });

  it('shows the plan wizard in Chinese at 320 px', async () => {
    const sample = path.join(dir, 'plan-zh.xlsx');
    expect((await cli('sample', sample, '--deals', '100')).code).toBe(0);
    const page = await openPane('zh-CN');
    await page.getByLabel('打开工作簿（.xlsx 或 .csv）').first().setInputFiles(sample);
    await page.getByRole('tab', { name: '规划与风险' }).click();
    await page.getByRole('group', { name: '短期（3 个月）' }).waitFor();
    await shot(page, '11-plan-zh-CN-goals');
    await page.getByRole('button', { name: '4. 风险' }).click();
    await page.getByRole('button', { name: '插入常见销售风险' }).click();
    await page.getByText('市场需求变化').waitFor();
    await shot(page, '12-plan-zh-CN-risks');
    await page.context().close();
  });

  it('says clearly what is wrong with a broken workbook', async () => {
    const file = path.join(dir, 'broken.xlsx');
    await fs.writeFile(file, 'this is not a workbook');
    const page = await openPane();
    await page.getByLabel('Open workbook (.xlsx or .csv)').first().setInputFiles(file);
    await page.getByText('broken.xlsx: The file is not an .xlsx workbook.').waitFor();
    await shot(page, '5-broken');
    await page.context().close();
  });
});

describe("browser mode keeps the user's own parts (Chromium)", () => {
  /** The LibreOffice-made fixture (a chart, a pivot table, an image, a comment) with a pipeline sheet added, as a user's workbook would hold both. */
  async function workbookWithChart(): Promise<Uint8Array> {
    const pkg = XlsxPackage.fromBytes(readFileSync(path.join(ROOT, 'test/fixtures/user-parts.xlsx')));
    pkg.addValuesSheet('Pipeline', samplePipeline({ deals: 400, seed: 3 }), { dateColumns: SAMPLE_DATE_COLUMNS });
    // Saved by an earlier session: the fixture's own `Data` sheet is not the pipeline.
    await pkg.writeSettings({ version: 1, pipelineSheet: 'Pipeline' });
    return pkg.toBytes();
  }

  it('generates a report and downloads a workbook whose chart, pivot table, image and comment parts are byte for byte the same', async () => {
    const input = await workbookWithChart();
    const file = path.join(dir, 'with-chart.xlsx');
    await fs.writeFile(file, input);
    const page = await openPane();
    await page.getByLabel('Open workbook (.xlsx or .csv)').first().setInputFiles(file);
    await page.getByText('Opened with-chart.xlsx').waitFor();
    await page.getByLabel('Report month').fill('2026-03');
    await page.getByRole('button', { name: 'Generate report' }).click();
    await page.getByText(/Report 2026-03 written: 400 deals read/).waitFor();
    const out = await downloadWorkbook(page, 'with-chart-downloaded.xlsx');

    const before = unzipSync(input);
    const after = unzipSync(new Uint8Array(await fs.readFile(out)));
    const userParts = Object.keys(before).filter((name) =>
      /^xl\/(charts|drawings|media|pivotTables|pivotCache|comments)|^xl\/worksheets\/(_rels\/)?sheet[12]\.xml/.test(name),
    );
    expect(userParts).toEqual(
      expect.arrayContaining(['xl/charts/chart1.xml', 'xl/drawings/drawing1.xml', 'xl/pivotTables/pivotTable1.xml', 'xl/media/image1.png']),
    );
    for (const name of userParts)
      expect({ name, same: after[name] !== undefined && Buffer.compare(Buffer.from(after[name]), Buffer.from(before[name]!)) === 0 }).toEqual({
        name,
        same: true,
      });
    // Still wired: the content types and the workbook still name them, and the report is there too.
    const types = Buffer.from(after['[Content_Types].xml']!).toString('utf8');
    expect(types).toContain('/xl/charts/chart1.xml');
    const workbook = Buffer.from(after['xl/workbook.xml']!).toString('utf8');
    expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(
      expect.arrayContaining(['Data', 'Summary', 'Pipeline', 'Report 2026-03', 'Funnel Data']),
    );
    expect(workbook).toContain('<pivotCache cacheId="1"');
    const report = (await loadXlsx(out)).getWorksheet('Report 2026-03')!;
    expect(report.getCell('A1').value).toBe('Funnel report 2026-03');
    await page.context().close();
  });
});

/**
 * Our own sample workbook rewritten as another producer writes it: openpyxl
 * (`xmlns:r` declared on each `<sheet>`, not the root) or the Open XML SDK
 * (every SpreadsheetML element `x:`-prefixed, `xmlns:x` on the root).
 */
function asProducer(bytes: Uint8Array, producer: 'openpyxl' | 'x-prefix'): Uint8Array {
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const files = unzipSync(bytes);
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(files)) {
    let xml = strFromU8(data);
    if (producer === 'openpyxl' && name === 'xl/workbook.xml') {
      xml = xml.replace(` xmlns:r="${R}"`, '').replace(/<sheet /g, `<sheet xmlns:r="${R}" `);
    }
    if (producer === 'x-prefix' && /^xl\/(workbook|styles|sharedStrings|worksheets\/[^/]+)\.xml$/.test(name) && xml.includes(`xmlns="${MAIN}"`)) {
      xml = xml.replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`).replace(/<(\/?)([A-Za-z][\w.]*)(?=[\s/>])/g, '<$1x:$2');
    }
    out[name] = /\.(xml|rels)$/.test(name) ? strToU8(xml) : data;
  }
  return zipSync(out);
}

describe('task pane in browser mode: workbooks other producers wrote', () => {
  for (const producer of ['openpyxl', 'x-prefix'] as const) {
    it(
      `opens a workbook as ` +
        `${producer === 'openpyxl' ? 'openpyxl (xmlns:r on each <sheet>)' : 'the Open XML SDK (x:-prefixed)'} ` +
        `writes it, and downloads a report in it that parses with namespaces`,
      async () => {
        const book = XlsxPackage.create();
        book.addValuesSheet('Pipeline', samplePipeline({ deals: 300, seed: 5 }), { dateColumns: SAMPLE_DATE_COLUMNS });
        const input = asProducer(book.toBytes(), producer);
        const workbookXml = strFromU8(unzipSync(input)['xl/workbook.xml']!);
        expect(workbookXml).toContain(producer === 'openpyxl' ? '<sheet xmlns:r=' : '<x:sheets>');
        const file = path.join(dir, `${producer}.xlsx`);
        await fs.writeFile(file, input);
        const page = await openPane();
        await page.getByLabel('Open workbook (.xlsx or .csv)').first().setInputFiles(file);
        await page.getByText(`Opened ${producer}.xlsx`).waitFor();
        await page.getByLabel('Report month').fill('2026-03');
        await page.getByRole('button', { name: 'Generate report' }).click();
        await page.getByText(/Report 2026-03 written: 300 deals read/).waitFor();
        const out = await downloadWorkbook(page, `${producer}-downloaded.xlsx`);
        const after = unzipSync(new Uint8Array(await fs.readFile(out)));
        for (const [name, data] of Object.entries(after)) {
          if (/\.(xml|rels)$/.test(name)) expect({ name, problems: xmlProblems(strFromU8(data)) }).toEqual({ name, problems: [] });
        }
        const workbook = strFromU8(after['xl/workbook.xml']!);
        const sheet = producer === 'openpyxl' ? 'sheet' : 'x:sheet';
        expect([...workbook.matchAll(new RegExp(`<${sheet}\\b[^>]*\\bname="([^"]+)"`, 'g'))].map((m) => m[1])).toEqual(
          expect.arrayContaining(['Pipeline', 'Report 2026-03', 'Funnel Data']),
        );
        if (producer === 'x-prefix') expect(strFromU8(after['xl/styles.xml']!)).not.toMatch(/<\/?(?!x:)[A-Za-z][\w.]*[\s/>]/);
        // ExcelJS cannot read x:-prefixed SpreadsheetML at all; the package reader (checked above by saxes) can.
        const report = await XlsxPackage.fromBytes(new Uint8Array(await fs.readFile(out))).readSheet('Report 2026-03');
        expect(report[0]![0]).toBe('Funnel report 2026-03');
        await page.context().close();
      },
    );
  }
});
