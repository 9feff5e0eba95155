#!/usr/bin/env node
// The claw-stats command (docs/claw-stats.md), run by bin/run-tool.mjs from its compiled build/tools/stats.
import { runTool } from './run-tool.mjs';
await runTool('claw-stats', new URL('../build/tools/stats/main.js', import.meta.url));
