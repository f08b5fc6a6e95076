import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { cli } from '../helpers/workbook-files';
import { dataFile, hasSharedData } from '../data/shared-data';
import { describeWithLibreOffice, SOFFICE } from './libreoffice';

/*
 * Issue #16: charts must render outside Excel. LibreOffice renders the demo
 * report and the CRM report to PDF, poppler renders the report's first page
 * to PNG, and each chart's area (found under its title, by the words'
 * boxes in the PDF) must hold coloured pixels: before the series had
 * explicit colours LibreOffice drew the labels only, in black and grey.
 */

const DPI = 100;

/** Decodes an 8-bit RGB(A) PNG as poppler writes it (filters 0–4). */
function decodePng(bytes: Buffer): { width: number; height: number; channels: number; pixels: Uint8Array } {
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 3;
  const idat: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const corner = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels]! : 0;
      const p = left + up - corner;
      const paeth =
        Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - corner) ? left : Math.abs(p - up) <= Math.abs(p - corner) ? up : corner;
      const predicted = [0, left, up, (left + up) >> 1, paeth][filter]!;
      pixels[y * stride + x] = (v + predicted) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Pixels in a box whose colour is clearly not a grey (text, axes and gridlines are greys). */
function colouredPixels(png: ReturnType<typeof decodePng>, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y0)); y < Math.min(png.height, box.y1); y++) {
    for (let x = Math.max(0, Math.floor(box.x0)); x < Math.min(png.width, box.x1); x++) {
      const i = (y * png.width + x) * png.channels;
      const [r, g, b] = [png.pixels[i]!, png.pixels[i + 1]!, png.pixels[i + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;
    }
  }
  return n;
}

/** The first page whose text starts with the report's title, and the boxes (in points) of the words on it. */
function reportPage(pdf: string, title: string): { page: number; words: { x0: number; y0: number; x1: number; text: string }[] } {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
  for (let p = 1; p <= pages; p++) {
    if (
      !execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'])
        .toString()
        .startsWith(title)
    )
      continue;
    const html = execFileSync('pdftotext', ['-bbox', '-f', String(p), '-l', String(p), pdf, '-']).toString();
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      text: m[4]!,
    }));
    return { page: p, words };
  }
  throw new Error(`no page starts with ${title}`);
}

function renderFirstScreen(xlsx: string, title: string, chartTitles: string[]): Record<string, number> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'render-'));
  execFileSync(SOFFICE!, [`-env:UserInstallation=file://${out}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, xlsx], {
    stdio: 'pipe',
    timeout: 280_000,
  });
  const pdf = path.join(out, `${path.basename(xlsx, '.xlsx')}.pdf`);
  const { page, words } = reportPage(pdf, title);
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(DPI), '-png', pdf, path.join(out, 'page')]);
  const png = decodePng(
    readFileSync(
      path.join(
        out,
        readdirSync(out).find((f) => f.startsWith('page') && f.endsWith('.png'))!,
      ),
    ),
  );
  const scale = DPI / 72;
  const found: Record<string, number> = {};
  for (const chart of chartTitles) {
    const first = chart.split(' ')[0]!;
    const word = words.find((w) => w.text === first && words.some((o) => Math.abs(o.y0 - w.y0) < 1 && o.text === chart.split(' ')[1]));
    if (!word) throw new Error(`chart title "${chart}" not on page ${page}`);
    // The plot is below the title: 150 pt down, 120 pt either side of the title's start.
    found[chart] = colouredPixels(png, { x0: (word.x0 - 120) * scale, y0: (word.y0 + 12) * scale, x1: (word.x0 + 240) * scale, y1: (word.y0 + 160) * scale });
  }
  return found;
}

describeWithLibreOffice('charts render in LibreOffice with their colours (PDF → PNG)', () => {
  it('the demo report: the funnel and the revenue chart each have coloured pixels', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'demo-render-'));
    const file = path.join(dir, 'demo.xlsx');
    expect((await cli('sample', file, '--deals', '600')).code).toBe(0);
    expect((await cli('report', file, '--month', '2026-06')).code).toBeLessThan(2);
    const pixels = renderFirstScreen(file, 'Funnel report 2026-06', ['Funnel (deals', 'Monthly revenue:']);
    for (const [chart, n] of Object.entries(pixels)) expect({ chart, coloured: n > 200 }).toEqual({ chart, coloured: true });
  });

  (hasSharedData && existsSync(dataFile('crm-sales-opportunities', 'sales_pipeline.csv')) ? it : it.skip)(
    'the CRM report: the funnel and the revenue chart each have coloured pixels',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-render-'));
      const file = path.join(dir, 'crm.xlsx');
      expect(
        (
          await cli(
            'report',
            dataFile('crm-sales-opportunities', 'sales_pipeline.csv'),
            '--stages',
            'Prospecting,Engaging',
            '--month',
            '2017-12',
            '--values-only',
            '--out',
            file,
          )
        ).code,
      ).toBe(1);
      const pixels = renderFirstScreen(file, 'Funnel report 2017-12', ['Funnel (deals', 'Monthly revenue:']);
      for (const [chart, n] of Object.entries(pixels)) expect({ chart, coloured: n > 200 }).toEqual({ chart, coloured: true });
    },
  );
});
