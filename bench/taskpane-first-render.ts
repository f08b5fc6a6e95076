import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { chromium, type Browser, type Route } from 'playwright-core';
import webpack, { type Configuration } from 'webpack';
import { serveDist } from '../test/e2e/static-server';
import type { BenchRow } from './harness';

const ROOT = path.resolve(__dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const RUNS = 7;
const OFFICE_JS = /^https:\/\/appsforoffice\.microsoft\.com\//;

/**
 * The peer: a minimal Fluent UI v9 page with the pane's first-screen
 * ingredients (provider and theme, tab list, field and input, button,
 * message bar), rendered at once. It is what React and Fluent alone cost,
 * built by the same webpack configuration; the gap to it is our own code
 * and what it imports (the engine, the .xlsx package adapter, the Office
 * adapter), plus the wait for Office.js.
 */
const PEER_SOURCE = `
import { Button, Field, FluentProvider, Input, MessageBar, MessageBarBody, Tab, TabList, Text, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';

function Peer() {
  return (
    <div>
      <TabList defaultSelectedValue="reports">
        <Tab value="reports">Reports</Tab>
        <Tab value="pipeline">Pipeline</Tab>
        <Tab value="issues">Data issues</Tab>
        <Tab value="plan">Plan &amp; risks</Tab>
      </TabList>
      <Text as="h1">Funnel Reporter</Text>
      <Field label="Report month"><Input defaultValue="2026-03" /></Field>
      <Button appearance="primary">Generate report</Button>
      <MessageBar><MessageBarBody>Open an .xlsx workbook to start.</MessageBarBody></MessageBar>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<FluentProvider theme={webLightTheme}><Peer /></FluentProvider>);
`;

const PEER_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>Peer</title></head><body><div id="root"></div></body></html>';

/** A host-less Office.js: it answers at once that the page is not in Office, as office.js does in a plain browser. */
const OFFICE_STUB =
  'window.Office = { HostType: { Excel: "Excel" }, onReady: () => Promise.resolve({ host: null, platform: null }), ' +
  'actions: { associate() {} }, context: {} }; window.CustomFunctions = { associate() {} };';

/**
 * Time to first render of the production task pane in headless Chromium,
 * and its bundle size, beside a minimal Fluent UI v9 page built the same
 * way (same webpack config, production mode) and loaded from the same
 * local server in the same run.
 *
 * First render = from navigation start to the first animation frame after
 * `#root` receives its first element (React's first commit), median of
 * RUNS cold loads (a new browser context each, runs interleaved with the
 * peer's). Measured twice for the pane: with Office.js answering at once
 * (the bundle's own cost) and with Office.js unreachable (what browser
 * mode shows: the pane waits up to 1.5 s for Office.js before it renders).
 */
export async function taskpaneFirstRender(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'funnel-bench-pane-'));
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveDist>> | undefined;
  try {
    await build(paneConfig(path.join(dir, 'dist')));
    await writeFile(path.join(dir, 'peer.tsx'), PEER_SOURCE);
    await writeFile(path.join(dir, 'peer.html'), PEER_HTML);
    // ts-loader reads the tsconfig.json nearest the entry: the project's, for this one file.
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: path.join(ROOT, 'tsconfig.json'), compilerOptions: { types: [] }, include: ['peer.tsx'] }),
    );
    await build(peerConfig(dir, path.join(dir, 'dist')));
    const paneBytes = (await stat(path.join(dir, 'dist', 'taskpane.js'))).size;
    const peerBytes = (await stat(path.join(dir, 'dist', 'peer.js'))).size;

    server = await serveDist(path.join(dir, 'dist'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const times = { stubbed: [] as number[], offline: [] as number[], peer: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      times.peer.push(await firstRender(browser, `${server.url}/peer.html`, 'none'));
      times.stubbed.push(await firstRender(browser, `${server.url}/taskpane.html`, 'stub'));
      times.offline.push(await firstRender(browser, `${server.url}/taskpane.html`, 'abort'));
    }
    const peer = median(times.peer);
    const kib = (bytes: number): number => bytes / 1024;
    return [
      {
        name: 'task pane first render, production build (Office.js answers at once)',
        unit: 'ms',
        ours: median(times.stubbed),
        peerName: 'minimal Fluent UI v9 page, same build',
        peer,
        note: `median of ${RUNS} cold loads, headless Chromium`,
      },
      {
        name: 'task pane first render in browser mode (Office.js unreachable)',
        unit: 'ms',
        ours: median(times.offline),
        peerName: 'minimal Fluent UI v9 page, same build',
        peer,
        note: 'includes the pane’s wait of up to 1.5 s for Office.js',
      },
      {
        name: 'task pane bundle (taskpane.js, minified)',
        unit: 'KiB',
        ours: kib(paneBytes),
        peerName: 'minimal Fluent UI v9 page, same build',
        peer: kib(peerBytes),
        note: 'target: under 1024 KiB; 1578 KiB with ExcelJS before browser mode moved to the package adapter',
      },
    ];
  } finally {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The project's own webpack configuration in production mode, into `out`, without source maps (they do not reach the browser). */
export function paneConfig(out: string): Configuration {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const make = require(path.join(ROOT, 'webpack.config.js')) as (env: unknown, argv: { mode: string }) => Configuration;
  const config = make({}, { mode: 'production' });
  return { ...config, context: ROOT, mode: 'production', devtool: false, output: { ...config.output, path: out }, stats: 'errors-only' };
}

/** The same configuration with the peer as the only entry and page. */
function peerConfig(dir: string, out: string): Configuration {
  const base = paneConfig(out);
  return {
    ...base,
    entry: { peer: path.join(dir, 'peer.tsx') },
    output: { path: out, filename: '[name].js', clean: false },
    resolve: { ...base.resolve, modules: ['node_modules', path.join(ROOT, 'node_modules')] },
    plugins: [new HtmlWebpackPlugin({ filename: 'peer.html', template: path.join(dir, 'peer.html'), chunks: ['peer'] })],
  };
}

export function build(config: Configuration): Promise<void> {
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) reject(err);
      else if (stats?.hasErrors()) reject(new Error(stats.toString('errors-only')));
      else resolve();
    });
  });
}

/** One cold load: ms from navigation start to the frame after React's first commit into #root. */
async function firstRender(browser: Browser, url: string, office: 'stub' | 'abort' | 'none'): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __firstRender?: number };
      new MutationObserver((_records, observer) => {
        if (!document.getElementById('root')?.firstElementChild) return;
        observer.disconnect();
        requestAnimationFrame(() => (w.__firstRender = performance.now()));
      }).observe(document, { childList: true, subtree: true });
    });
    await page.route(OFFICE_JS, (route: Route) => (office === 'stub' ? route.fulfill({ contentType: 'text/javascript', body: OFFICE_STUB }) : route.abort()));
    // Nothing else leaves the machine.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)(?!appsforoffice\.microsoft\.com)/, (route) => route.abort());
    await page.goto(url);
    const handle = await page.waitForFunction(() => (window as unknown as { __firstRender?: number }).__firstRender, undefined, { timeout: 30_000 });
    return (await handle.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
