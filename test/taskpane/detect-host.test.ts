/** @jest-environment jsdom */
import { detectHost } from '../../src/taskpane/host/detect-host';

describe('detectHost', () => {
  afterEach(() => {
    delete document.documentElement.dataset.officeJs;
    jest.useRealTimers();
  });

  it('answers "browser" at once when the page flagged office.js as failed to load, without waiting out the deadline', async () => {
    jest.useFakeTimers();
    document.documentElement.dataset.officeJs = 'failed';
    let settled = false;
    const host = detectHost(60_000).then((h) => ((settled = true), h));
    // No timer is advanced: only a check that does not wait can settle.
    for (let i = 0; i < 5 && !settled; i++) await Promise.resolve();
    expect(settled).toBe(true);
    expect((await host).kind).toBe('browser');
  });

  it('keeps waiting while office.js may still arrive', async () => {
    jest.useFakeTimers();
    let settled = false;
    void detectHost(60_000).then(() => (settled = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(settled).toBe(false);
  });
});
