/** Where the pane runs: inside Excel (Office.js answered) or in a plain browser. */
export type HostKind = 'excel' | 'browser';

const OFFICE_JS = /appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/;

/**
 * Waits for Office.js as long as it takes, and falls back to browser mode
 * only when office.js did not load.
 *
 * Why no deadline: the shared runtime lives as long as Excel does
 * (`lifetime="long"` in the manifest), so a pane that gave up during a slow
 * desktop cold start would stay in browser mode until Excel is closed.
 * `Office.onReady()` resolves once Office has initialised the add-in, with
 * `host` null when the page is not running in an Office application
 * ("Initialize your Office Add-in", Microsoft Learn): a plain browser that
 * did load office.js gets its answer that way. taskpane.html loads office.js
 * synchronously before the bundles, so by the time this runs it has either
 * loaded (`Office` is defined) or failed (its `onerror` flagged the page);
 * the wait below only covers a page that loads it some other way.
 */
export async function detectHost(pollMs = 50): Promise<{ kind: HostKind; language: string }> {
  const browser = { kind: 'browser' as const, language: navigator.language };
  if (!(await officeJsLoaded(pollMs))) return browser;
  const info = await Office.onReady();
  if (info && info.host === Office.HostType.Excel) return { kind: 'excel', language: Office.context.displayLanguage };
  return browser;
}

/** True once `Office` exists; false when the page flagged office.js as failed, or never asked for it. */
async function officeJsLoaded(pollMs: number): Promise<boolean> {
  const failed = (): boolean => document.documentElement.dataset.officeJs === 'failed';
  const requested = (): boolean => [...document.scripts].some((s) => OFFICE_JS.test(s.src));
  while (typeof Office === 'undefined') {
    if (failed() || !requested()) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return true;
}
