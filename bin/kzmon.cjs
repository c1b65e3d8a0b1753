#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so `npx kzmon` works right after `npm ci` with no build step.
// Node 20 is what this machine has; the pinned SDK supports it, so its upgrade notice is noise in a CLI.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs/api').register();
require('./kzmon.ts');
