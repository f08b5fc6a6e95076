/** @jest-environment jsdom */
import { detectHost } from '../../src/taskpane/host/detect-host';

type OfficeStub = { onReady(): Promise<{ host: string | null }>; HostType: { Excel: string }; context: { displayLanguage: string } };
const globals = globalThis as unknown as { Office?: OfficeStub };

/** The page as taskpane.html makes it: a script tag for office.js in <head>. */
function requestOfficeJs(): void {
  const script = document.createElement('script');
  script.src = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
  // jsdom does not fetch it: the tests decide whether it "loaded".
  script.type = 'text/x-not-run';
  document.head.appendChild(script);
}

/** An Office.js whose onReady answers only when `ready` is called, as in a slow desktop cold start. */
function lateOffice(host: string | null): { ready(): void } {
  let resolve: (info: { host: string | null }) => void = () => undefined;
  const ready = new Promise<{ host: string | null }>((r) => (resolve = r));
  globals.Office = { onReady: () => ready, HostType: { Excel: 'Excel' }, context: { displayLanguage: 'zh-CN' } };
  return { ready: () => resolve({ host }) };
}

async function settle(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return settled;
}

describe('detectHost', () => {
  afterEach(() => {
    delete document.documentElement.dataset.officeJs;
    delete globals.Office;
    document.head.innerHTML = '';
    jest.useRealTimers();
  });

  it('answers "browser" at once when the page flagged office.js as failed to load', async () => {
    jest.useFakeTimers();
    requestOfficeJs();
    document.documentElement.dataset.officeJs = 'failed';
    const host = detectHost();
    // No timer is advanced: only a check that does not wait can settle.
    expect(await settle(host)).toBe(true);
    expect((await host).kind).toBe('browser');
  });

  it('keeps waiting while office.js may still arrive', async () => {
    jest.useFakeTimers();
    requestOfficeJs();
    const host = detectHost();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(await settle(host)).toBe(false);
  });

  it('waits on Office.onReady however late it answers (a desktop cold start): no give-up after a few seconds', async () => {
    jest.useFakeTimers();
    requestOfficeJs();
    const office = lateOffice('Excel');
    const host = detectHost();
    // A minute of a slow start: the old detection had given up (browser mode) after about 2 s.
    await jest.advanceTimersByTimeAsync(60_000);
    expect(await settle(host)).toBe(false);
    office.ready();
    expect(await host).toEqual({ kind: 'excel', language: 'zh-CN' });
  });

  it('office.js arriving late is waited for too', async () => {
    jest.useFakeTimers();
    requestOfficeJs();
    const host = detectHost();
    await jest.advanceTimersByTimeAsync(10_000);
    lateOffice('Excel').ready();
    await jest.advanceTimersByTimeAsync(100);
    expect((await host).kind).toBe('excel');
  });

  it('answers "browser" when office.js loaded outside Office (onReady reports no host)', async () => {
    requestOfficeJs();
    lateOffice(null).ready();
    expect((await detectHost()).kind).toBe('browser');
  });
});
