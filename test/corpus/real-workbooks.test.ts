import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { samplePipeline, SAMPLE_DATE_COLUMNS } from '../../src/core/sample/sample-pipeline';
import { WorkbookError } from '../../src/workbook/port';
import { nodeZipCodec } from '../../src/workbook/node-file/node-zip-codec';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { describeWithData, dataFile, hasSharedData } from '../data/shared-data';
import { cli } from '../helpers/workbook-files';
import { xmlProblems } from '../helpers/xml-check';

/**
 * Every workbook of ../shared/data/real-workbooks (ClosedXML, calamine and
 * ExcelJS test files: other producers' output) gets a pipeline sheet added
 * through our package API, then `funnel-report report` and `funnel-report
 * risks --starter` through the CLI. For each file: the exit code is 0–1, or
 * 2 only for a file that is really unreadable; every part we changed is
 * namespace-well-formed to saxes; every part we did not change is
 * byte-identical; every original sheet is still listed; and LibreOffice
 * opens the result and lists our new sheets (every .xlsm and Strict file,
 * and a fixed sample of the others).
 */
const ROOT = dataFile('real-workbooks');
const PIPELINE_SHEET = 'FR Pipeline';
/** Names that say the source project broke the file on purpose. */
const BROKEN_BY_NAME = /corrupt|password|encrypt|invalid/i;
/** Every n-th other file goes to LibreOffice (sorted by name, so the sample is the same on every run). */
const LIBREOFFICE_EVERY = 7;

const MAIN_NS = ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'];
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

type Outcome = 'ok' | 'refused-unreadable' | 'refused-strict' | 'broken';

interface FileResult {
  file: string;
  outcome: Outcome;
  why: string[];
  result?: string;
  ourSheets?: string[];
  /** The workbook part is Strict SpreadsheetML. */
  strict?: boolean;
}

function workbookFiles(): string[] {
  const out: string[] = [];
  for (const folder of readdirSync(ROOT, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const f of readdirSync(path.join(ROOT, folder.name))) if (/\.xls[xm]$/i.test(f)) out.push(path.join(folder.name, f));
  }
  return out.sort();
}

/** Parts by lower-cased name (OPC names are case-insensitive). */
function partsOf(bytes: Uint8Array): Map<string, { name: string; bytes: Uint8Array }> {
  const out = new Map<string, { name: string; bytes: Uint8Array }>();
  for (const [name, b] of Object.entries(unzipSync(bytes))) if (!name.endsWith('/')) out.set(name.toLowerCase(), { name, bytes: b });
  return out;
}

/** Elements read by saxes with namespaces: [namespace URI, local name, attributes by local name]. */
function elements(text: string): { uri: string; local: string; attrs: Map<string, string> }[] {
  const out: { uri: string; local: string; attrs: Map<string, string> }[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    const attrs = new Map<string, string>();
    for (const a of Object.values(tag.attributes)) attrs.set(`${a.uri}|${a.local}`, a.value);
    out.push({ uri: tag.uri, local: tag.local, attrs });
  });
  parser.write(text).close();
  return out;
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** The workbook part's name (lower case) from the package relationships. */
function workbookPartOf(parts: Map<string, { name: string; bytes: Uint8Array }>): string {
  const rels = parts.get('_rels/.rels');
  const rel = rels
    ? elements(text(rels.bytes)).find((e) => e.uri === PKG_REL_NS && e.local === 'Relationship' && (e.attrs.get('|Type') ?? '').endsWith('/officeDocument'))
    : undefined;
  return (rel?.attrs.get('|Target') ?? 'xl/workbook.xml').replace(/^\//, '').toLowerCase();
}

function sheetNames(parts: Map<string, { name: string; bytes: Uint8Array }>): string[] {
  const wb = parts.get(workbookPartOf(parts));
  if (!wb) return [];
  return elements(text(wb.bytes))
    .filter((e) => MAIN_NS.includes(e.uri) && e.local === 'sheet')
    .map((e) => e.attrs.get('|name') ?? '');
}

/** The workbook-level parts a run may rewrite; every other original part must come back byte for byte. */
function mayChange(name: string, workbookPart: string): boolean {
  const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const rels = `${folder}_rels/${workbookPart.slice(folder.length)}.rels`;
  return name === workbookPart || name === rels || name === '[content_types].xml' || /styles\.xml$/.test(name) || /calcchain\.xml$/.test(name);
}

async function runOne(relative: string, work: string): Promise<FileResult> {
  const why: string[] = [];
  const flat = relative.replace(/[\\/]/g, '__');
  const file = path.join(work, flat);
  await fs.copyFile(path.join(ROOT, relative), file);
  // ../shared comes without write bits, and the copy keeps them: a user's own copy is writable, and a read-only file is refused (SPEC §6).
  await fs.chmod(file, 0o644);
  const original = new Uint8Array(await fs.readFile(file));
  const unreadable = async (message: string): Promise<FileResult> => {
    const now = new Uint8Array(await fs.readFile(file));
    if (Buffer.compare(Buffer.from(now), Buffer.from(original)) !== 0) why.push('refused, but the file was changed');
    if (/Strict/.test(message)) return { file: relative, outcome: why.length ? 'broken' : 'refused-strict', why: [...why, message] };
    return { file: relative, outcome: why.length ? 'broken' : 'refused-unreadable', why: [...why, message] };
  };

  // 1. A pipeline sheet through our package API.
  try {
    const book = XlsxPackage.fromBytes(original, { codec: nodeZipCodec });
    book.addValuesSheet(PIPELINE_SHEET, samplePipeline({ deals: 400, seed: 7 }), { dateColumns: SAMPLE_DATE_COLUMNS });
    await fs.writeFile(file, book.toBytes());
  } catch (e) {
    if (e instanceof WorkbookError) return unreadable(e.message);
    return { file: relative, outcome: 'broken', why: [`adding the pipeline sheet threw ${(e as Error).stack}`] };
  }
  // 2. The CLI, as a user would run it.
  const report = await cli('report', file, '--sheet', PIPELINE_SHEET);
  if (report.code > 1) why.push(`report exited ${report.code}: ${report.stderr}`);
  const risks = await cli('risks', file, '--starter');
  if (risks.code > 1) why.push(`risks exited ${risks.code}: ${risks.stderr}`);

  // 3. Part by part.
  const before = partsOf(original);
  const after = partsOf(new Uint8Array(await fs.readFile(file)));
  const workbookPart = workbookPartOf(before);
  for (const [key, part] of before) {
    const now = after.get(key);
    if (!now) {
      if (!/calcchain\.xml$/.test(key)) why.push(`part ${part.name} is gone`);
      continue;
    }
    if (Buffer.compare(Buffer.from(now.bytes), Buffer.from(part.bytes)) === 0) continue;
    if (!mayChange(key, workbookPart)) why.push(`part ${part.name} changed`);
  }
  for (const [key, part] of after) {
    const old = before.get(key);
    const changed = !old || Buffer.compare(Buffer.from(old.bytes), Buffer.from(part.bytes)) !== 0;
    if (!changed || !/\.(xml|rels|vml)$/i.test(key)) continue;
    const problems = xmlProblems(text(part.bytes));
    if (problems.length) why.push(`${part.name} is not namespace-well-formed: ${problems.slice(0, 3).join('; ')}`);
  }
  const was = sheetNames(before);
  const now = sheetNames(after);
  for (const s of was) if (!now.includes(s)) why.push(`sheet ${s} is no longer listed`);
  const ourSheets = now.filter((s) => !was.includes(s) && !s.startsWith('_'));
  for (const s of [PIPELINE_SHEET, 'Risk Register']) if (!now.includes(s)) why.push(`our sheet ${s} is missing`);
  const wb = after.get(workbookPart);
  const strict = !!wb && elements(text(wb.bytes))[0]?.uri === MAIN_NS[1];
  return { file: relative, outcome: why.length ? 'broken' : 'ok', why, result: file, ourSheets, strict };
}

/**
 * Broken in a way another tool sees, though LibreOffice may still open it
 * by guessing: Info-ZIP's `unzip -t` finds a bad CRC, or saxes finds a part
 * that is not well-formed XML.
 */
function visiblyBroken(file: string): boolean {
  try {
    execFileSync('unzip', ['-tqq', file], { stdio: 'pipe' });
  } catch {
    return true;
  }
  for (const [name, part] of partsOf(new Uint8Array(readFileSync(file)))) {
    if (/\.(xml|rels)$/.test(name) && xmlProblems(text(part.bytes)).length > 0) return true;
  }
  return false;
}

/** A private LibreOffice profile, so the suite neither uses nor changes the user's. */
function libreOfficeProfile(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'lo-corpus-profile-'));
}

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p)) ?? null;

/** Converts files to .ods in one LibreOffice run; returns the sheet names of each converted file (null: LibreOffice could not open it). */
function libreOfficeSheets(files: readonly string[], profile: string): Map<string, string[] | null> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'lo-corpus-out-'));
  const result = new Map<string, string[] | null>();
  // A few dozen files a call keeps one hung file from costing the whole batch.
  for (let i = 0; i < files.length; i += 40) {
    const batch = files.slice(i, i + 40);
    try {
      execFileSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'ods', '--outdir', out, ...batch], {
        stdio: 'pipe',
        timeout: 600_000,
      });
    } catch {
      // Files LibreOffice could not open have no output; judged below.
    }
  }
  for (const f of files) {
    const ods = path.join(out, `${path.basename(f, path.extname(f))}.ods`);
    if (!existsSync(ods)) {
      result.set(f, null);
      continue;
    }
    const content = unzipSync(new Uint8Array(readFileSync(ods)))['content.xml'];
    const names = content
      ? elements(text(content))
          .filter((e) => e.uri === 'urn:oasis:names:tc:opendocument:xmlns:table:1.0' && e.local === 'table')
          .map((e) => e.attrs.get('urn:oasis:names:tc:opendocument:xmlns:table:1.0|name') ?? '')
      : [];
    result.set(f, names);
  }
  return result;
}

if (!hasSharedData) console.log('../shared/data not found: corpus suite skipped');

describeWithData('real workbooks from ClosedXML, calamine and ExcelJS', () => {
  it('get a report and a risk register, and none comes back broken', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
    const limit = Number(process.env.CORPUS_LIMIT ?? Infinity);
    const files = workbookFiles().slice(0, limit);
    const results: FileResult[] = [];
    for (const f of files) results.push(await runOne(f, work));

    // LibreOffice: every .xlsm and Strict file, every n-th other, and the original of every refused file.
    const written = results.filter((r) => r.outcome === 'ok');
    const special = (r: FileResult) => /\.xlsm$/i.test(r.file) || r.strict === true;
    const checked = written.filter((r, i) => special(r) || i % LIBREOFFICE_EVERY === 0);
    const refused = results.filter((r) => r.outcome === 'refused-unreadable' && !BROKEN_BY_NAME.test(r.file));
    let libreOfficeChecked = 0;
    if (SOFFICE) {
      const profile = libreOfficeProfile();
      const refusedCopies = refused.map((r) => path.join(work, `original__${r.file.replace(/[\\/]/g, '__')}`));
      await Promise.all(refused.map((r, i) => fs.copyFile(path.join(ROOT, r.file), refusedCopies[i]!)));
      const sheets = libreOfficeSheets([...checked.map((r) => r.result!), ...refusedCopies], profile);
      for (const r of checked) {
        const names = sheets.get(r.result!);
        libreOfficeChecked++;
        if (names === null || names === undefined) {
          r.outcome = 'broken';
          r.why.push('LibreOffice could not open the result');
          continue;
        }
        const missing = (r.ourSheets ?? []).filter((s) => !names.includes(s));
        if (missing.length) {
          r.outcome = 'broken';
          r.why.push(`LibreOffice does not list ${missing.join(', ')} (it lists ${names.join(', ')})`);
        }
      }
      refused.forEach((r, i) => {
        if (sheets.get(refusedCopies[i]!) !== null && !visiblyBroken(path.join(ROOT, r.file))) {
          r.outcome = 'broken';
          r.why.push('refused, but LibreOffice opens the original');
        }
      });
    }

    const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
    const summary = {
      files: results.length,
      ok: count('ok'),
      refusedUnreadable: count('refused-unreadable'),
      refusedStrict: count('refused-strict'),
      broken: count('broken'),
      libreOfficeChecked,
      libreOfficeCheckedXlsm: checked.filter((r) => /\.xlsm$/i.test(r.file)).length,
      libreOfficeCheckedStrict: checked.filter((r) => r.strict).length,
    };
    console.log(`corpus: ${JSON.stringify(summary)}`);
    for (const r of results.filter((x) => x.outcome !== 'ok')) console.log(`${r.outcome}: ${r.file}: ${r.why.join(' | ').slice(0, 600)}`);
    expect(results.filter((r) => r.outcome === 'broken').map((r) => `${r.file}: ${r.why.join(' | ')}`)).toEqual([]);
    if (Number.isFinite(limit)) return;
    expect(summary.files).toBeGreaterThanOrEqual(471);
    expect(libreOfficeChecked).toBeGreaterThanOrEqual(50);
  });
});
