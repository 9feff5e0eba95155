#!/usr/bin/env node
// `npm run fuzz [-- --seconds N] [--build-dir DIR] [--repro FILE]`: the libFuzzer run of the snapshot
// reader (native-legacy/fuzz, docs/fuzzing.md). Installs clang-14 and its runtime when missing (as
// root, like the set-up), configures and builds the fuzz targets in a clang build directory of their
// own, writes the seed corpus, runs libFuzzer for N seconds (300 by default) and prints a summary.
// Exit code 1 when libFuzzer found a crash, a hang or a leak; the summary names the reproducer.
// --repro FILE runs the fuzz target on one input (a reproducer) and exits with its status.
// Plain JavaScript, like tools/setup: it needs nothing from node_modules.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SetupError, log, run, step } from '../setup/steps.mjs';
import { ensurePackages, requiredPackages } from '../setup/system.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TARGET = 'oc-fuzz-snapshot';
const SEEDS = 'oc-fuzz-seeds';
// The fuzz build needs the native toolchain and clang, not the wasm one.
const WASM_ONLY = new Set(['emscripten', 'node-acorn']);

function parseArgs(argv) {
  const opts = { seconds: 300, buildDir: 'build/fuzz', repro: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new SetupError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--seconds') {
      opts.seconds = Number(value());
      if (!Number.isInteger(opts.seconds) || opts.seconds < 1) throw new SetupError('--seconds takes a whole number >= 1');
    } else if (a === '--build-dir') {
      opts.buildDir = value();
    } else if (a === '--repro') {
      opts.repro = resolve(value());
    } else {
      throw new SetupError(`unknown option ${a}`, 'use: npm run fuzz [-- --seconds N] [--build-dir DIR] [--repro FILE]');
    }
  }
  return opts;
}

async function build(dir) {
  await step('system packages (clang-14, libFuzzer)', () =>
    ensurePackages(requiredPackages({ browser: false, fuzz: true }).filter((p) => !WASM_ONLY.has(p))),
  );
  await step(`fuzz targets (${dir})`, async () => {
    if (!existsSync(join(root, dir, 'CMakeCache.txt'))) {
      await run('cmake', ['-S', 'native-legacy', '-B', dir, '-DOC_FUZZ=ON', '-DCMAKE_C_COMPILER=clang-14',
        '-DCMAKE_CXX_COMPILER=clang++-14', '-DCMAKE_BUILD_TYPE=RelWithDebInfo'], { cwd: root });
    }
    await run('cmake', ['--build', dir, '-j', '2', '--target', TARGET, SEEDS], { cwd: root });
  });
}

// Runs libFuzzer with its (long) output in a log file; relays the periodic status lines and
// anything that looks like a finding. Resolves with the exit code and what the summary needs.
function fuzz(bin, args, logPath) {
  return new Promise((resolveRun, reject) => {
    const logFile = createWriteStream(logPath);
    const child = spawn(bin, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const found = { stats: {}, last: '', artifacts: [], errors: [] };
    let pending = '';
    const onData = (chunk) => {
      logFile.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const stat = /^stat::(\w+):\s+(\d+)/.exec(line);
        if (stat) found.stats[stat[1]] = Number(stat[2]);
        if (/^#\d+\s+(INITED|pulse|DONE)/.test(line)) {
          found.last = line;
          log(line.replace(/\s+/g, ' '));
        }
        const artifact = /Test unit written to (\S+)/.exec(line);
        if (artifact) found.artifacts.push(artifact[1]);
        if (/==\d+==ERROR|^SUMMARY:|snapshot_fuzz:|ALARM|out-of-memory|deadly signal/.test(line)) {
          found.errors.push(line);
          log(line);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => reject(new SetupError(`could not start ${bin}: ${err.message}`)));
    child.on('close', (code) => logFile.end(() => resolveRun({ code: code ?? 1, ...found })));
  });
}

function summary(result, { seconds, logPath, crashDir }) {
  const s = result.stats;
  const cov = /cov: (\d+) ft: (\d+) corp: (\d+)\/(\S+)/.exec(result.last);
  const rel = (p) => relative(root, resolve(root, p));
  console.log('\nfuzz summary');
  console.log(`  target       ${TARGET} (snapshot verify/inspect/decode/restore, re-sealed inputs too)`);
  console.log(`  time         ${seconds} s requested`);
  console.log(`  executions   ${s.number_of_executed_units ?? '?'} (${s.average_exec_per_sec ?? '?'} per second)`);
  if (cov) console.log(`  coverage     ${cov[1]} edges, ${cov[2]} features, corpus ${cov[3]} inputs (${cov[4]})`);
  console.log(`  new inputs   ${s.new_units_added ?? '?'}    peak RSS ${s.peak_rss_mb ?? '?'} MB`);
  console.log(`  log          ${rel(logPath)}`);
  if (result.code === 0 && result.artifacts.length === 0) {
    console.log('  findings     none (no crash, hang or leak)');
    return 0;
  }
  console.log(`  findings     libFuzzer exited with ${result.code}`);
  for (const e of result.errors.slice(0, 5)) console.log(`    ${e}`);
  if (result.artifacts.length === 0) console.log(`  reproducer   none written; see the log and ${rel(crashDir)}/`);
  for (const a of result.artifacts) {
    console.log(`  reproducer   ${rel(a)}`);
    console.log(`    replay:    npm run fuzz -- --repro ${rel(a)}   (or: ${rel(result.bin)} ${rel(a)})`);
  }
  return 1;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = opts.buildDir;
  await build(dir);
  const bin = join(root, dir, 'fuzz', TARGET);
  if (opts.repro) {
    log(`replaying ${relative(root, opts.repro)}`);
    const { code } = await run(bin, [opts.repro], { cwd: root, allowFailure: true });
    return code === 0 ? 0 : 1;
  }

  const seeds = join(root, dir, 'seeds');
  const corpus = join(root, dir, 'corpus');
  const crashDir = join(root, dir, 'crashes');
  await step('seed corpus (generated)', async () => {
    rmSync(seeds, { recursive: true, force: true });
    mkdirSync(seeds, { recursive: true });
    await run(join(root, dir, 'fuzz', SEEDS), [seeds], { cwd: root });
  });
  mkdirSync(corpus, { recursive: true });
  mkdirSync(crashDir, { recursive: true });
  const logPath = join(root, dir, 'fuzz.log');
  const args = [
    `-max_total_time=${opts.seconds}`,
    '-print_final_stats=1',
    '-timeout=10', // an input that takes longer is reported as a hang
    '-max_len=65536', // room to extend the largest seed (45 KiB)
    `-artifact_prefix=${crashDir}/`,
    corpus, // grows across runs
    seeds, // read again every run
  ];
  log(`running ${TARGET} for ${opts.seconds} s (corpus ${relative(root, corpus)}, full log ${relative(root, logPath)})`);
  const result = await fuzz(bin, args, logPath);
  result.bin = bin;
  return summary(result, { seconds: opts.seconds, logPath, crashDir });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof SetupError) {
      console.error(`\nfuzz stopped: ${err.message}`);
      if (err.hint) console.error(`  -> ${err.hint}`);
    } else {
      console.error(err);
    }
    process.exit(1);
  },
);
