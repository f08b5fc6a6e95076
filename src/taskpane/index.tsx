import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { localeFor } from '../core/i18n';
import { App } from './App';
import { detectHost } from './host/detect-host';
import { browserActions } from './host/browser-actions';
import { excelActions } from './host/excel-actions';

/** Renders once Office.js has answered (or, outside Office, once it is clear it will not). */
async function start(): Promise<void> {
  const host = await detectHost();
  const actions = host.kind === 'excel' ? excelActions() : browserActions();
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <FluentProvider theme={webLightTheme}>
      <App actions={actions} initialLocale={localeFor(host.language)} />
    </FluentProvider>,
  );
}

void start();
