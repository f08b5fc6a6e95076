import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cli, loadXlsx, tempDir, writeXlsx } from '../helpers/workbook-files';

jest.setTimeout(60_000);

let dir: string;
beforeAll(async () => {
  dir = await tempDir('funnel-csv-');
});

const CHINESE_EXPORT = [
  '商机编号;客户;阶段;创建日期;成交日期;金额',
  'D1;上海;Won;2026-01-05;2026-02-03;"1.200"',
  'D2;北京;Proposal;2026-01-09;;300',
  'D3;广州;Won;2026-02-01;2026-03-31;500',
  '',
].join('\r\n');

describe('report from a CSV export', () => {
  it('reads a GB18030, semicolon-separated export (iconv-encoded) and reports on it', async () => {
    const csv = path.join(dir, 'export.csv');
    await fs.writeFile(csv, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: CHINESE_EXPORT }));
    const out = path.join(dir, 'export.xlsx');
    const run = await cli('report', csv, '--out', out, '--month', '2026-02', '--locale', 'zh-CN');
    expect([0, 1]).toContain(run.code);
    // The summary line is in the --locale's language, like the report.
    expect(run.stdout).toContain('读取 3 笔商机');
    const ws = (await loadXlsx(out)).getWorksheet('export')!;
    expect(ws.getRow(1).values).toEqual([undefined, '商机编号', '客户', '阶段', '创建日期', '成交日期', '金额']);
    expect(ws.getRow(2).getCell(2).value).toBe('上海');
  });

  it('refuses a file that is no CSV, naming the encodings and delimiters it tried', async () => {
    const csv = path.join(dir, 'notes.csv');
    await fs.writeFile(csv, 'a single column\nof notes\n');
    const run = await cli('report', csv, '--out', path.join(dir, 'notes.xlsx'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('notes.csv could not be read as CSV');
    expect(run.stderr).toContain('encodings tried: UTF-8, UTF-16LE, UTF-16BE, GB18030');
    expect(run.stderr).toContain('",", ";", tab');
    await expect(fs.stat(path.join(dir, 'notes.xlsx'))).rejects.toThrow();
  });

  it('reads --targets in UTF-16 with a BOM (Excel\'s "Unicode text")', async () => {
    const csv = path.join(dir, 'export2.csv');
    await fs.writeFile(csv, CHINESE_EXPORT);
    const targets = path.join(dir, 'targets.csv');
    await fs.writeFile(targets, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('month\ttarget\r\n2026-02\t1000\r\n', 'utf16le')]));
    const json = path.join(dir, 'r.json');
    const run = await cli('report', csv, '--out', path.join(dir, 'export2.xlsx'), '--month', '2026-02', '--targets', targets, '--json', json);
    expect([0, 1]).toContain(run.code);
    expect(JSON.parse(await fs.readFile(json, 'utf8')).target).toBe(1000);
  });
});

describe('report into a workbook with a user sheet named like ours', () => {
  it.each(['Report 2026-02', 'reports', 'Funnel Data'])('refuses "%s", exit 2, the file byte-identical', async (name) => {
    const file = path.join(dir, `user-${name.replace(/\W/g, '_')}.xlsx`);
    await writeXlsx(file, [
      {
        name: 'Pipeline',
        rows: CHINESE_EXPORT.split('\r\n')
          .filter(Boolean)
          .map((l) => l.split(';')),
      },
      { name, rows: [['my own'], [1]] },
    ]);
    const before = await fs.readFile(file);
    const run = await cli('report', file, '--month', '2026-02');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`sheet "${name}" that Funnel Reporter did not create`);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });

  it('refuses --sheet "Funnel Data": the pipeline itself would be replaced', async () => {
    const file = path.join(dir, 'pipeline-named-funnel-data.xlsx');
    await writeXlsx(file, [
      {
        name: 'Funnel Data',
        rows: CHINESE_EXPORT.split('\r\n')
          .filter(Boolean)
          .map((l) => l.split(';')),
      },
    ]);
    const before = await fs.readFile(file);
    const run = await cli('report', file, '--sheet', 'Funnel Data', '--month', '2026-02');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is the pipeline sheet');
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });
});
