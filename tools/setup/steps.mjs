// Step reporting for the set-up: every step says when it starts, whether it ran or was skipped, and
// how long it took, so a first run of several minutes never looks hung.
import { spawn } from 'node:child_process';

const t0 = performance.now();
const fmt = (ms) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);
const tag = () => `[setup ${fmt(performance.now() - t0).padStart(8)}]`;

export function log(message) {
  console.log(`${tag()} ${message}`);
}

export class SetupError extends Error {
  constructor(message, hint) {
    super(message);
    this.name = 'SetupError';
    this.hint = hint;
  }
}

/**
 * Runs `fn` as a named step. `fn` returns 'skipped: <why>' to report a skip, anything else for done.
 * @param {string} name
 * @param {() => Promise<string | void> | string | void} fn
 */
export async function step(name, fn) {
  const start = performance.now();
  log(`▸ ${name}`);
  let outcome;
  try {
    outcome = await fn();
  } catch (err) {
    log(`✗ ${name} failed after ${fmt(performance.now() - start)}`);
    throw err;
  }
  const took = fmt(performance.now() - start);
  if (typeof outcome === 'string' && outcome.startsWith('skipped: ')) {
    log(`↷ ${name} skipped, ${outcome.slice('skipped: '.length)} (${took})`);
  } else {
    log(`✓ ${name}${typeof outcome === 'string' ? `: ${outcome}` : ''} (${took})`);
  }
  return outcome;
}

/**
 * Runs a command with inherited output. Resolves with the exit code when `allowFailure`, else rejects
 * on a non-zero exit. While the child is silent for long, a heartbeat line says it is still working.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, allowFailure?: boolean, capture?: boolean }} [opts]
 * @returns {Promise<{ code: number, output: string }>}
 */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let last = performance.now();
    const relay = (stream) => (chunk) => {
      last = performance.now();
      stream.write(chunk);
      if (opts.capture) output += chunk.toString();
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    const beat = setInterval(() => {
      if (performance.now() - last > 20_000) {
        log(`… still running: ${cmd} ${args.join(' ')}`);
        last = performance.now();
      }
    }, 5_000);
    child.on('error', (err) => {
      clearInterval(beat);
      reject(new SetupError(`could not start ${cmd}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearInterval(beat);
      const exit = code ?? 1;
      if (exit !== 0 && !opts.allowFailure) {
        reject(new SetupError(`${cmd} ${args.join(' ')} exited with code ${exit}`));
      } else {
        resolve({ code: exit, output });
      }
    });
  });
}
