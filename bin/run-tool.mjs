// What the claw-* commands' shims share: each tool is TypeScript compiled to build/tools by
// `npm run build` (tsc -p tsconfig.tools.json); runTool runs its main() with the command line and
// makes its result the exit code. Exits 1 and 2 are the tool's (its input, its command line); 70
// means it could not run at all.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const EXIT_CANNOT_RUN = 70;

/** Runs the compiled tool at `compiledMain` (a file: URL) as the command `name` ("claw-rez"). */
export async function runTool(name, compiledMain) {
  const main = fileURLToPath(compiledMain);
  if (!existsSync(main)) {
    process.stderr.write(`${name}: ${main} is missing: run \`npm run build\` first\n`);
    process.exitCode = EXIT_CANNOT_RUN;
    return;
  }
  const { main: run } = await import(pathToFileURL(main).href);
  try {
    process.exitCode = await run(process.argv.slice(2));
  } catch (err) {
    // Not about the input or the command line: the SDK could not run (its wasm build missing or
    // broken: a typed error from the engine, shown as such) or a bug (shown with its stack).
    const typed = err !== null && typeof err === 'object' && typeof err.status === 'number';
    process.stderr.write(`${name}: ${typed ? `${err.name}: ${err.message}` : `internal error: ${err?.stack ?? String(err)}`}\n`);
    process.exitCode = EXIT_CANNOT_RUN;
  }
}
