import { readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from '../helpers/workbook-files';
import { enUS } from '../../src/core/i18n/en-US';
import { zhCN } from '../../src/core/i18n/zh-CN';
import { DEFAULT_STAGES } from '../../src/core/pipeline/stages';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';

// Whole workbooks are written and read back: room on a busy 2-core machine.
jest.setTimeout(90_000);

/*
 * SPEC §7 "One language per report": a zh-CN report of the demo has no
 * English word of the UI or of the default stages, and its tabs are named
 * 报告 YYYY-MM, 漏斗数据, 报告索引 (recorded in the settings).
 */

/** Latin words the Chinese catalogue itself uses: the product, the command, and method names that have no Chinese name. */
const ALLOWED = new Set([
  'Excel',
  'Funnel',
  'Reporter',
  'funnel-report',
  'targets',
  'ETS',
  'Theta',
  'ARIMA',
  'Holt',
  'Winters',
  'Naive2',
  'M3',
  'MASE',
  'sMAPE',
  'A',
  'B',
  'C',
  'M',
]);

describe('a zh-CN report of the demo', () => {
  let file: string;
  let wb: XlsxPackage;
  let json: { month: string };

  beforeAll(async () => {
    const dir = await tempDir();
    file = path.join(dir, 'demo.xlsx');
    expect((await cli('sample', file)).code).toBe(0);
    expect((await cli('report', file, '--locale', 'zh-CN', '--json', path.join(dir, 'r.json'))).code).toBe(1);
    json = JSON.parse(await fs.readFile(path.join(dir, 'r.json'), 'utf8'));
    wb = XlsxPackage.fromBytes(new Uint8Array(readFileSync(file)));
  });

  it('names its tabs as SPEC §7 says and records the names in the settings', async () => {
    const names = (await wb.listSheets()).map((s) => s.name);
    // Targets is the sample's own input sheet; Funnel Snapshots is hidden and keeps the name SPEC §8 gives it.
    expect(names).toEqual(['Pipeline', 'Targets', `报告 ${json.month}`, `客户分级 ${json.month}`, '数据问题', '漏斗数据', 'Funnel Snapshots', '报告索引']);
    const settings = await wb.readSettings();
    expect(settings.sheetNames).toEqual({ data: '漏斗数据', index: '报告索引', issues: '数据问题' });
    expect(settings.ownedSheets).toEqual(expect.arrayContaining(names.filter((n) => n !== 'Pipeline' && n !== 'Targets')));
  });

  it('has no English word of the UI or of the default stages on the report tab', async () => {
    const data = new Set([...(await wb.readSheet('Pipeline')).flat().filter((v): v is string => typeof v === 'string'), 'Pipeline']);
    const texts = (await wb.readSheet(`报告 ${json.month}`)).flat().filter((v): v is string => typeof v === 'string' && !data.has(v));
    const english = [...DEFAULT_STAGES.stages.map((s) => s.name), 'Won', 'Lost', '(blank)'];
    for (const text of texts) {
      expect({ text, stage: english.filter((w) => text === w || text.includes(` ${w} `)) }).toEqual({ text, stage: [] });
      const words = (text.match(/[A-Za-z][A-Za-z0-9-]*/g) ?? []).filter(
        (w) => !ALLOWED.has(w) && !/^[A-Z]{1,3}\d+$/.test(w) && !data.has(w) && ![...data].some((d) => d.includes(w)),
      );
      expect({ text, words }).toEqual({ text, words: [] });
    }
    // No message of the English catalogue that the Chinese one never uses (a product name, a sheet name of the data) is there.
    const messages = Object.entries(enUS)
      .filter(([, en]) => en.length >= 6 && !en.includes('{') && !data.has(en) && !Object.values(zhCN).some((zh) => zh.includes(en)))
      .map(([, en]) => en);
    // The pipeline's own headers (an example cell names its column) are data too.
    const headers = ((await wb.readSheet('Pipeline'))[0] ?? []).filter((v): v is string => typeof v === 'string');
    for (const text of texts) {
      const own = headers.reduce((t, h) => t.split(h).join(' '), text);
      expect({ text, found: messages.filter((m) => own.includes(m)) }).toEqual({ text, found: [] });
    }
  });

  it('names the default stages in Chinese in the funnel', async () => {
    const rows = await wb.readSheet(`报告 ${json.month}`);
    const stages = rows.map((r) => r[0]).filter((v) => typeof v === 'string' && ['潜在客户', '合格线索', '商机', '方案报价', '商务谈判', '成交'].includes(v));
    expect(stages.slice(0, 6)).toEqual(['潜在客户', '合格线索', '商机', '方案报价', '商务谈判', '成交']);
  });

  it("regenerates in English into the same tabs: the recorded data sheet and index, and the month's tabs found in either language", async () => {
    const copy = `${file}.en.xlsx`;
    await fs.copyFile(file, copy);
    expect((await cli('report', copy, '--month', json.month)).code).toBe(1);
    const names = (await XlsxPackage.fromBytes(new Uint8Array(readFileSync(copy))).listSheets()).map((s) => s.name);
    // Targets is the sample's own input sheet; Funnel Snapshots is hidden and keeps the name SPEC §8 gives it.
    expect(names).toEqual(['Pipeline', 'Targets', `报告 ${json.month}`, `客户分级 ${json.month}`, '数据问题', '漏斗数据', 'Funnel Snapshots', '报告索引']);
    const again = XlsxPackage.fromBytes(new Uint8Array(readFileSync(copy)));
    expect((await again.readSheet(`报告 ${json.month}`))[0]![0]).toBe(`Funnel report ${json.month}`);
  });
});
