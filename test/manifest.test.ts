import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

// The manifest validation service is online only: these checks run offline on every test run.
const ROOT = path.resolve(__dirname, '..');
const xml = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { productionManifest, DEV_URL } = require('../scripts/manifest-url.cjs') as { productionManifest(xml: string, url?: string): string; DEV_URL: string };

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true });
const doc = parser.parse(xml) as Node;

/** Every object in the tree, depth first. */
function* walk(node: unknown): Generator<Node> {
  if (Array.isArray(node)) for (const n of node) yield* walk(n);
  else if (node && typeof node === 'object') {
    yield node as Node;
    for (const v of Object.values(node)) yield* walk(v);
  }
}

const all = [...walk(doc)];
const resourceIds = all.filter((n) => typeof n['@id'] === 'string' && '@DefaultValue' in n).map((n) => n['@id'] as string);
const resids = all.map((n) => n['@resid']).filter((v): v is string => typeof v === 'string');
const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(http[^"]*)"|<AppDomain>([^<]+)<|<SourceLocation DefaultValue="([^"]+)"/g)].map(
  (m) => m[1] ?? m[2] ?? m[3]!,
);

describe('manifest.xml (checked offline)', () => {
  it('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('resolves every resid to a defined resource', () => {
    expect(resids.length).toBeGreaterThan(10);
    for (const id of resids) expect({ resid: id, defined: resourceIds.includes(id) }).toEqual({ resid: id, defined: true });
  });

  it('has unique resource ids and control ids', () => {
    expect(new Set(resourceIds).size).toBe(resourceIds.length);
    const controlIds = all.filter((n) => typeof n['@id'] === 'string' && !('@DefaultValue' in n)).map((n) => n['@id']);
    expect(new Set(controlIds).size).toBe(controlIds.length);
  });

  it('uses https for every URL', () => {
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
  });

  it('declares its real minimum: ExcelApi 1.11 (Excel.run with delayForCellEdit) beside SharedRuntime 1.1', () => {
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1.11"\/>/);
    expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
  });

  it('asks for the shared runtime and declares it, long-lived, on the task pane page', () => {
    expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    expect(xml).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(xml).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
  });

  it('declares the FUNNEL namespace for the custom functions, and ReadWriteDocument', () => {
    const ns = all.find((n) => n['@id'] === 'Functions.Namespace');
    expect(ns?.['@DefaultValue']).toBe('FUNNEL');
    expect(xml).toContain('<Permissions>ReadWriteDocument</Permissions>');
  });

  it('opens the task pane from a button on the Home tab', () => {
    expect(xml).toMatch(/<OfficeTab id="TabHome">[\s\S]*<Action xsi:type="ShowTaskpane">/);
  });

  it('points every icon at a file in assets/', () => {
    const icons = urls.filter((u) => u.endsWith('.png'));
    expect(icons.length).toBeGreaterThanOrEqual(4);
    for (const u of icons) expect(existsSync(path.join(ROOT, u.replace(DEV_URL, '')))).toBe(true);
  });

  it('has a zh-CN display name', () => {
    expect(xml).toMatch(/<Override Locale="zh-CN" Value="[^"]+"\/>/);
  });

  it('the production manifest carries the production URL and no localhost', () => {
    const prod = productionManifest(xml, 'https://addin.example.org/funnel/');
    expect(prod).not.toContain('localhost');
    expect(prod).toContain('https://addin.example.org/funnel/taskpane.html');
    expect(prod).toContain('<AppDomain>https://addin.example.org/funnel</AppDomain>');
    expect(() => productionManifest(xml, 'http://insecure.example.org/')).toThrow(/https/);
  });

  it('the production manifest has its own Id, a different GUID, the same on every build', () => {
    const id = (x: string): string => /<Id>([^<]+)<\/Id>/.exec(x)![1]!;
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const prod = productionManifest(xml, 'https://addin.example.org/funnel/');
    expect(id(xml)).toMatch(guid);
    expect(id(prod)).toMatch(guid);
    expect(id(prod)).not.toBe(id(xml));
    expect(id(productionManifest(xml, 'https://other.example.org/'))).toBe(id(prod));
    expect(XMLValidator.validate(prod)).toBe(true);
  });
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { taskpaneHtmlProblems } = require('../scripts/check-taskpane-html.cjs') as { taskpaneHtmlProblems(html: string): string[] };

// The page must load office.js before any bundle (the bundles call CustomFunctions.associate and Office.onReady at once).
describe('taskpane.html loads office.js first', () => {
  type Plugin = { constructor: { name: string }; userOptions?: { inject?: unknown; scriptLoading?: string } };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = (require('../webpack.config.js') as (env: unknown, argv: { mode: string }) => { plugins: Plugin[] })({}, { mode: 'production' });
  const template = readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
  const page = config.plugins.find((p) => p.constructor.name === 'HtmlWebpackPlugin')!;

  /** The template with the bundles put where HtmlWebpackPlugin puts them for these options (its README: `inject`, `scriptLoading`). */
  function injected(html = template): string {
    const { inject = true, scriptLoading = 'defer' } = page.userOptions ?? {};
    const attrs = scriptLoading === 'blocking' ? '' : scriptLoading === 'module' ? ' type="module"' : ' defer';
    const tags = ['functions', 'commands', 'taskpane'].map((c) => `<script${attrs} src="${c}.js"></script>`).join('');
    const where = inject === 'body' || (inject === true && scriptLoading === 'blocking') ? '</body>' : '</head>';
    return html.replace(where, `${tags}${where}`);
  }

  it('the template loads office.js in <head> without async or defer, and the bundles are injected after it', () => {
    expect(page.userOptions).toMatchObject({ inject: 'head', scriptLoading: 'defer' });
    expect(taskpaneHtmlProblems(injected())).toEqual([]);
  });

  it('the check catches the page as it was (office.js async, bundles deferred in <head>)', () => {
    const old = template.replace('office.js"', 'office.js" async');
    expect(taskpaneHtmlProblems(injected(old))).toEqual(['office.js is loaded with async']);
    expect(
      taskpaneHtmlProblems(
        '<html><head><script defer src="taskpane.js"></script></head><body><script ' +
          'src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script></body></html>',
      ),
    ).toEqual(['office.js is not loaded in <head>', '1 script(s) come before office.js']);
  });
});

describe('the dev server', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { devServerProtocol, DEV_CERTS_COMMAND } = require('../webpack.config.js') as {
    devServerProtocol(env: Record<string, unknown>, home: string): unknown;
    DEV_CERTS_COMMAND: string;
  };
  const noCerts = path.join(ROOT, 'test', 'fixtures', 'no-such-home');

  it('refuses plain http when the dev certificates are missing, and names the command that makes them', () => {
    expect(DEV_CERTS_COMMAND).toBe('npx office-addin-dev-certs install');
    expect(() => devServerProtocol({}, noCerts)).toThrow(DEV_CERTS_COMMAND);
  });

  it('serves plain http only when asked to (browser mode: --env http)', () => {
    expect(devServerProtocol({ http: true }, noCerts)).toBe('http');
  });
});

// The manifest loads functions.json and functions.js from the task pane's folder; the build must put them there.
describe('custom functions in the shared runtime', () => {
  type Plugin = { constructor: { name: string }; options?: { output?: string; input?: string }; userOptions?: { filename?: string; chunks?: string[] } };
  type WebpackConfig = (
    env: unknown,
    argv: { mode: string },
  ) => { entry: Record<string, string>; output: { path: string; filename: string }; plugins: Plugin[] };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = (require('../webpack.config.js') as WebpackConfig)({}, { mode: 'production' });
  const url = (id: string) => all.find((n) => n['@id'] === id)?.['@DefaultValue'] as string;
  const folder = (u: string) => u.slice(0, u.lastIndexOf('/') + 1);

  it('declares the functions’ script, metadata and page beside the task pane, in the long-lived runtime', () => {
    expect(url('Functions.Metadata.Url')).toBe(`${folder(url('Taskpane.Url'))}functions.json`);
    expect(url('Functions.Script.Url')).toBe(`${folder(url('Taskpane.Url'))}functions.js`);
    expect(xml).toMatch(
      new RegExp(
        /<ExtensionPoint xsi:type="CustomFunctions">[\s\S]*<Page>\s*<SourceLocation resid="Taskpane.Url"\/>\s*<\/Page>/.source +
          /[\s\S]*<Metadata>\s*<SourceLocation resid="Functions.Metadata.Url"\/>/.source,
      ),
    );
  });

  it('builds functions.json from src/functions/functions.ts into the folder of taskpane.html, and loads the functions on the task pane page', () => {
    const metadata = config.plugins.find((p) => p.constructor.name === 'CustomFunctionsMetadataPlugin');
    expect(metadata?.options).toEqual({ output: 'functions.json', input: './src/functions/functions.ts' });
    const page = config.plugins.find((p) => p.constructor.name === 'HtmlWebpackPlugin');
    expect(page?.userOptions?.filename).toBe('taskpane.html');
    expect(page?.userOptions?.chunks).toContain('functions');
    expect(config.entry.functions).toBe('./src/functions/functions.ts');
    expect(config.output).toMatchObject({ path: path.join(ROOT, 'dist'), filename: '[name].js' });
  });
});
