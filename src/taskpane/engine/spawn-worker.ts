import { EngineClient } from './engine-client';
import type { WorkbookPort } from '../../workbook/port';

/**
 * Starts the engine worker (webpack bundles it as its own chunk from this
 * `new URL(…, import.meta.url)`); null where workers are not available, and
 * the pane then computes on the page.
 */
export function spawnEngine(hostPort?: WorkbookPort): EngineClient | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new EngineClient(new Worker(new URL('./engine.worker.ts', import.meta.url), { name: 'funnel-engine' }), hostPort);
  } catch {
    return null;
  }
}
