#!/usr/bin/env node
// The CLI is bundled by `npm run build:cli` (run by `npm install` through `prepare`).
require('../lib/cli.cjs');
