#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so `npx kzmon` works right after `npm ci` with no build step.
require('tsx/cjs/api').register();
require('./kzmon.ts');
