/** Where the pane runs: inside Excel (Office.js answered) or in a plain browser. */
export type HostKind = 'excel' | 'browser';

/**
 * Waits for Office.js when the page loaded it; gives up after a short wait,
 * because outside Office (or offline) office.js never arrives or never
 * reports a host — and at once when the page flagged its script as failed
 * to load (taskpane.html's `onerror`).
 */
export async function detectHost(waitMs = 1500): Promise<{ kind: HostKind; language: string }> {
  const deadline = Date.now() + waitMs;
  const failed = () => document.documentElement.dataset.officeJs === 'failed';
  while (typeof Office === 'undefined' && !failed() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (typeof Office === 'undefined') return { kind: 'browser', language: navigator.language };
  const info = await Promise.race([Office.onReady(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(0, deadline - Date.now()) + 500))]);
  if (info && info.host === Office.HostType.Excel) return { kind: 'excel', language: Office.context.displayLanguage };
  return { kind: 'browser', language: navigator.language };
}
