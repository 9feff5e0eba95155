#!/usr/bin/env node
// The claw-rez command (docs/claw-rez.md). The tool is TypeScript compiled to build/tools by
// `npm run build` (tsc -p tsconfig.tools.json); this shim only runs it.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const main = fileURLToPath(new URL('../build/tools/rez/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write(`claw-rez: ${main} is missing: run \`npm run build\` first\n`);
  process.exit(70);
}
const { main: run } = await import(pathToFileURL(main).href);
try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  // Not about the input or the command line (exits 1 and 2): the SDK could not run (its wasm build
  // missing or broken: a typed error from the engine, shown as such) or a bug (shown with its stack).
  const typed = err !== null && typeof err === 'object' && typeof err.status === 'number';
  process.stderr.write(`claw-rez: ${typed ? `${err.name}: ${err.message}` : `internal error: ${err?.stack ?? String(err)}`}\n`);
  process.exitCode = 70;
}
