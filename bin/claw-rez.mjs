#!/usr/bin/env node
// The claw-rez command (docs/claw-rez.md), run by bin/run-tool.mjs from its compiled build/tools/rez.
import { runTool } from './run-tool.mjs';
await runTool('claw-rez', new URL('../build/tools/rez/main.js', import.meta.url));
