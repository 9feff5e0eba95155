#!/usr/bin/env node
// The claw-snap command (docs/claw-snap.md), run by bin/run-tool.mjs from its compiled build/tools/snap.
import { runTool } from './run-tool.mjs';
await runTool('claw-snap', new URL('../build/tools/snap/main.js', import.meta.url));
