import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { localeFor } from '../core/i18n';
import { App } from './App';
import { detectHost } from './host/detect-host';
import { browserActions } from './host/browser-actions';
import { excelActions } from './host/excel-actions';
import { spawnEngine } from './engine/spawn-worker';

/** Renders once Office.js has answered (or, outside Office, once it is clear it will not). */
async function start(): Promise<void> {
  const host = await detectHost();
  // The engine computes in a worker in both hosts, so the page (and Excel's shared runtime) never freezes during a run.
  // Without workers the browser mode computes on the page; that engine is a chunk of its own, fetched only then.
  const actions =
    host.kind === 'excel' ? excelActions(undefined, spawnEngine) : browserActions(spawnEngine() ?? (await import('./engine/local-engine')).localEngine());
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <FluentProvider theme={webLightTheme}>
      <App actions={actions} initialLocale={localeFor(host.language)} />
    </FluentProvider>,
  );
}

void start();
