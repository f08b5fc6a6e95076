import type { WorkbookPort } from '../../workbook/port';
import { EngineClient } from './engine-client';
import { serveEngine } from './engine-service';
import { paneEngineOps } from './pane-engine';

/** The engine on the page, over a MessageChannel: where no worker can start (and in tests), the same calls and answers. */
export function localEngine(hostPort?: WorkbookPort): EngineClient & { close(): void } {
  const channel = new MessageChannel();
  serveEngine(channel.port1, paneEngineOps());
  const client = new EngineClient(channel.port2, hostPort);
  channel.port1.start();
  channel.port2.start();
  return Object.assign(client, {
    close() {
      channel.port1.close();
      channel.port2.close();
    },
  });
}
