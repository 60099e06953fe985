#!/usr/bin/env node
// The `tally` command. The TypeScript sources are compiled to dist/ by `npm install` (the prepare script).
import '../dist/cli/main.js';
