/// <reference lib="webworker" />
import { serveEngine } from './engine-service';
import { paneEngineOps } from './pane-engine';

// The engine worker: the pane's computing, off the page's thread (src/taskpane/engine).
serveEngine(self, paneEngineOps());
