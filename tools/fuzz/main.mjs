#!/usr/bin/env node
// `npm run fuzz [-- --seconds N] [--target NAME] [--build-dir DIR] [--repro FILE]`: the libFuzzer runs of
// the untrusted-input readers (native-legacy/fuzz, docs/fuzzing.md): the snapshot reader and the REZ,
// PID, ANI and WWD readers, one after the other, N seconds each (60 by default), or only --target NAME.
// Installs clang-14 and its runtime when missing (as root, like the set-up), configures and builds the
// fuzz targets in a clang build directory of their own, writes the seed corpora, runs libFuzzer and
// prints a summary per target. Exit code 1 when libFuzzer found a crash, a hang or a leak in any
// target; the summary names the reproducer. --repro FILE runs one target (--target, snapshot by
// default) on one input (a reproducer) and exits with its status.
// Plain JavaScript, like tools/setup: it needs nothing from node_modules.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SetupError, log, run, step } from '../setup/steps.mjs';
import { ensurePackages, requiredPackages } from '../setup/system.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Each target: its program, what one input goes through, and the longest input libFuzzer may make
// (room to extend the largest seed: snapshots 45 KiB, REZ and WWD seeds under 10 KiB; PIDs and ANIs
// are kept short so that executions stay fast, a compressed PID of 16 KiB already names 2 Mpixel).
const TARGETS = {
  snapshot: { bin: 'oc-fuzz-snapshot', what: 'snapshot verify/inspect/decode/restore, re-sealed inputs too', maxLen: 65536 },
  rez: { bin: 'oc-fuzz-rez', what: 'REZ header, lazy tree builder vs parse_rez_tree, index lookups and listings', maxLen: 65536 },
  pid: { bin: 'oc-fuzz-pid', what: 'PID parse, index/RGBA decoders, embedded palettes, re-encoding both ways', maxLen: 16384 },
  ani: { bin: 'oc-fuzz-ani', what: 'ANI parse, frames and events, ani_write round trip', maxLen: 16384 },
  wwd: { bin: 'oc-fuzz-wwd', what: 'WWD image, planes, tiles, image sets, objects, tile descriptions', maxLen: 65536 },
};
const SEEDS = 'oc-fuzz-seeds';
// The fuzz build needs the native toolchain and clang, not the wasm one.
const WASM_ONLY = new Set(['emscripten', 'node-acorn']);

function parseArgs(argv) {
  const opts = { seconds: 60, buildDir: 'build/fuzz', repro: null, target: null };
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
    } else if (a === '--target') {
      opts.target = value();
      if (!(opts.target in TARGETS)) throw new SetupError(`unknown target ${opts.target}`, `targets: ${Object.keys(TARGETS).join(', ')}`);
    } else {
      throw new SetupError(`unknown option ${a}`, 'use: npm run fuzz [-- --seconds N] [--target NAME] [--build-dir DIR] [--repro FILE]');
    }
  }
  return opts;
}

async function build(dir) {
  await step('system packages (clang-14, libFuzzer)', () =>
    ensurePackages(requiredPackages({ browser: false, fuzz: true }).filter((p) => !WASM_ONLY.has(p))),
  );
  await step(`fuzz targets (${dir})`, async () => {
    // Configured on every run (seconds when cached): a build directory made before a target was added
    // would otherwise not know it. The compilers are only given the first time (CMake fixes them).
    const fresh = !existsSync(join(root, dir, 'CMakeCache.txt'));
    await run('cmake', ['-S', 'native-legacy', '-B', dir, '-DOC_FUZZ=ON', '-DCMAKE_BUILD_TYPE=RelWithDebInfo',
      ...(fresh ? ['-DCMAKE_C_COMPILER=clang-14', '-DCMAKE_CXX_COMPILER=clang++-14'] : [])], { cwd: root });
    const bins = Object.values(TARGETS).map((t) => t.bin);
    await run('cmake', ['--build', dir, '-j', '2', '--target', ...bins, SEEDS], { cwd: root });
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
        if (/==\d+==ERROR|^SUMMARY:|(snapshot|rez|pid|ani|wwd)_fuzz:|ALARM|out-of-memory|deadly signal/.test(line)) {
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

function summary(name, result, { seconds, logPath, crashDir }) {
  const s = result.stats;
  const cov = /cov: (\d+) ft: (\d+) corp: (\d+)\/(\S+)/.exec(result.last);
  const rel = (p) => relative(root, resolve(root, p));
  console.log(`\nfuzz summary: ${name}`);
  console.log(`  target       ${TARGETS[name].bin} (${TARGETS[name].what})`);
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
    console.log(`    replay:    npm run fuzz -- --target ${name} --repro ${rel(a)}   (or: ${rel(result.bin)} ${rel(a)})`);
  }
  return 1;
}

// One target for `seconds`: its seeds (seeds/<name>, regenerated), its corpus (corpus/<name>, kept
// across runs), its reproducers (crashes/<name>) and its log (fuzz-<name>.log).
async function fuzzTarget(dir, name, seconds) {
  const bin = join(root, dir, 'fuzz', TARGETS[name].bin);
  const seeds = join(root, dir, 'seeds', name);
  const corpus = join(root, dir, 'corpus', name);
  const crashDir = join(root, dir, 'crashes', name);
  mkdirSync(corpus, { recursive: true });
  mkdirSync(crashDir, { recursive: true });
  const logPath = join(root, dir, `fuzz-${name}.log`);
  const args = [
    `-max_total_time=${seconds}`,
    '-print_final_stats=1',
    '-timeout=10', // an input that takes longer is reported as a hang
    `-max_len=${TARGETS[name].maxLen}`,
    `-artifact_prefix=${crashDir}/`,
    corpus, // grows across runs
    seeds, // read again every run
  ];
  log(`running ${TARGETS[name].bin} for ${seconds} s (corpus ${relative(root, corpus)}, full log ${relative(root, logPath)})`);
  const result = await fuzz(bin, args, logPath);
  result.bin = bin;
  const code = summary(name, result, { seconds, logPath, crashDir });
  return { name, code, execs: result.stats.number_of_executed_units, rate: result.stats.average_exec_per_sec };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = opts.buildDir;
  await build(dir);
  if (opts.repro) {
    const name = opts.target ?? 'snapshot';
    log(`replaying ${relative(root, opts.repro)} on ${TARGETS[name].bin}`);
    const { code } = await run(join(root, dir, 'fuzz', TARGETS[name].bin), [opts.repro], { cwd: root, allowFailure: true });
    return code === 0 ? 0 : 1;
  }

  const seeds = join(root, dir, 'seeds');
  await step('seed corpora (generated)', async () => {
    rmSync(seeds, { recursive: true, force: true });
    mkdirSync(seeds, { recursive: true });
    await run(join(root, dir, 'fuzz', SEEDS), [seeds], { cwd: root });
  });
  const names = opts.target ? [opts.target] : Object.keys(TARGETS);
  const results = [];
  for (const name of names) results.push(await fuzzTarget(dir, name, opts.seconds));
  console.log('\nfuzz totals');
  for (const r of results) {
    const verdict = r.code === 0 ? 'no findings' : 'FINDINGS (see above)';
    console.log(`  ${r.name.padEnd(9)} ${String(r.execs ?? '?').padStart(10)} executions (${r.rate ?? '?'}/s)  ${verdict}`);
  }
  return results.some((r) => r.code !== 0) ? 1 : 0;
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
