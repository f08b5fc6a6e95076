/// <reference lib="webworker" />
import { serveEngine } from './engine-service';
import { paneEngineOps } from './pane-engine';
import type { Endpoint, EngineMessage, EngineReply } from './protocol';

// The engine worker: the pane's computing, off the page's thread (src/taskpane/engine).
serveEngine(self as unknown as Endpoint<EngineMessage, EngineReply>, paneEngineOps());
