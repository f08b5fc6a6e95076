import type { Locale } from '../../core/i18n';
import type { GenerateReportResult } from '../../usecases/generate-report';
import type { InspectResult } from '../../usecases/inspect-pipeline';
import type { Saved } from '../../usecases/use-case-error';
import type { PlanWizardSaved } from '../../usecases/plan-wizard';
import type { PaneActions } from '../actions';
import type { EngineClient } from '../engine/engine-client';
import type { Opened } from '../engine/pane-engine';
import { downloadFile } from './download-file';

/**
 * Browser mode: the workbook the user opened lives in the engine worker
 * (src/taskpane/engine/pane-engine.ts), which reads, computes and writes
 * it; the page only sends the file's bytes and receives the download.
 */
export function browserActions(engine: EngineClient): PaneActions {
  return {
    host: 'browser',
    async openFile(file: File, locale: Locale) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return engine.call<Opened>('open', [bytes, file.name, locale], { transfer: [bytes.buffer] });
    },
    openSample: () => engine.call<Opened>('sample', []),
    generate: ({ onProgress, shouldStop: _unused, signal, ...options }) =>
      engine.call<GenerateReportResult>('generate', [options, false], { onProgress, signal }),
    dealColumnsOption: () => engine.call<boolean>('dealColumnsOption', []),
    inspect: (sheet, locale) => engine.call<InspectResult>('inspect', [sheet, locale]),
    saveMapping: (sheet, mapping, locale) => engine.call<Saved>('saveMapping', [sheet, mapping, locale]),
    saveStages: (stages, locale) => engine.call<Saved>('saveStages', [stages, locale]),
    async download() {
      const file = await engine.call<{ bytes: Uint8Array; name: string } | null>('download', []);
      if (file) downloadFile(file.bytes, file.name);
    },
    async selectCell() {
      // Nothing to select in a file: the pane shows the address.
    },
    readPlan: (locale) => engine.call('readPlan', [locale]),
    savePlan: (changes) => engine.call<PlanWizardSaved>('savePlan', [changes]),
  };
}
