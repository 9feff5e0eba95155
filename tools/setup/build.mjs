// The builds: native core + tests + tools (CMake), the wasm module (CMake + emscripten.cmake), the
// engine's compiled package (tsc), the command-line tools (tsc), the demo assets (demo.rez) and the web
// page (Vite). Each is skipped when its inputs are unchanged.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hashInputs } from './stamps.mjs';
import { run, step } from './steps.mjs';
import { emsdkRoot } from './system.mjs';
import { buildStressLevel, STRESS_LEVEL_REZ } from '../assets/levels/build-step.mjs';

const JOBS = '2';
const NATIVE_INPUTS = ['native-legacy', 'tests/native', 'tests/fixtures'];

function nodeBin(root, name) {
  return join(root, 'node_modules', '.bin', name);
}

async function cmakeBuild(root, stamps, { name, dir, configureArgs, inputs, outputs, env }) {
  const hash = hashInputs(root, inputs, configureArgs);
  const outs = outputs.map((o) => join(root, dir, o));
  return step(`${name} build (${dir})`, async () => {
    if (stamps.fresh(name, hash, outs)) return 'skipped: sources unchanged';
    if (!existsSync(join(root, dir, 'CMakeCache.txt'))) {
      await run('cmake', ['-S', 'native-legacy', '-B', dir, ...configureArgs], { cwd: root, env });
    }
    await run('cmake', ['--build', dir, '-j', JOBS], { cwd: root, env });
    stamps.record(name, hash);
  });
}

export async function buildNative(root, stamps) {
  return cmakeBuild(root, stamps, {
    name: 'native',
    dir: 'build/native',
    configureArgs: ['-DCMAKE_BUILD_TYPE=Release'],
    inputs: NATIVE_INPUTS,
    outputs: ['libopenclaw_core.a', 'oc-replay'],
  });
}

export async function buildWasm(root, stamps) {
  const em = emsdkRoot();
  // emsdk users get their own emcc first on PATH; Debian's needs nothing more (see emscripten.cmake).
  const env = em ? { PATH: `${join(em, 'upstream', 'emscripten')}:${process.env.PATH}` } : {};
  return cmakeBuild(root, stamps, {
    name: 'wasm',
    dir: 'build/wasm',
    configureArgs: [`-DCMAKE_TOOLCHAIN_FILE=${join(root, 'emscripten.cmake')}`, '-DCMAKE_BUILD_TYPE=Release'],
    inputs: ['native-legacy', 'emscripten.cmake'],
    // The shared-memory core (engine's sharedMemory option) comes from the same build.
    outputs: [
      'openclaw_core.mjs', 'openclaw_core.wasm',
      'openclaw_core_shared.mjs', 'openclaw_core_shared.wasm', 'openclaw_core_shared.worker.js',
    ],
    env,
  });
}

export async function buildEngine(root, stamps) {
  const hash = hashInputs(root, ['engine', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json']);
  return step('engine package (tsc -> build/dist)', async () => {
    if (stamps.fresh('engine', hash, [join(root, 'build/dist/index.js')])) return 'skipped: sources unchanged';
    await run(nodeBin(root, 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: root });
    stamps.record('engine', hash);
  });
}

// The command-line tools (claw-snap, claw-stats, claw-rez): compiled against the built package (build/dist), so they run
// after buildEngine and are rebuilt when the engine's sources change too.
export async function buildTools(root, stamps) {
  const hash = hashInputs(root, ['tools/shared', 'tools/snap', 'tools/stats', 'tools/rez', 'tools/assets/pack', 'tools/assets/stress', 'engine', 'tsconfig.json', 'tsconfig.tools.json', 'package-lock.json']);
  return step('tools (tsc -> build/tools)', async () => {
    if (stamps.fresh('tools', hash, [join(root, 'build/tools/snap/main.js'), join(root, 'build/tools/stats/main.js'), join(root, 'build/tools/rez/main.js'), join(root, 'build/tools/assets/pack/main.js'), join(root, 'build/tools/assets/stress/main.js')])) return 'skipped: sources unchanged';
    await run(nodeBin(root, 'tsc'), ['-p', 'tsconfig.tools.json'], { cwd: root });
    stamps.record('tools', hash);
  });
}

// The demo game's assets (assets/ -> build/assets/demo.rez) by the packer compiled in buildTools; its
// PIDs are encoded by the wasm core, so a new core rebuilds them too. The archive is also copied into
// build/assets/web/, the folder Vite serves as the page's public files (vite.config.ts publicDir), so
// the lab opens ./demo.rez by Range requests; that folder holds only what the page may serve.
const DEMO_REZ = 'build/assets/demo.rez';
const WEB_DEMO_REZ = 'build/assets/web/demo.rez';

export async function buildAssets(root, stamps) {
  const hash = hashInputs(root, [
    'assets', 'tools/assets/pack', 'engine', 'build/wasm/openclaw_core.mjs', 'build/wasm/openclaw_core.wasm',
  ]);
  return step('demo assets (assets -> build/assets/demo.rez)', async () => {
    if (stamps.fresh('assets', hash, [join(root, DEMO_REZ), join(root, WEB_DEMO_REZ)])) return 'skipped: sources unchanged';
    await run(process.execPath, ['build/tools/assets/pack/main.js', '--out', DEMO_REZ], { cwd: root });
    mkdirSync(dirname(join(root, WEB_DEMO_REZ)), { recursive: true });
    copyFileSync(join(root, DEMO_REZ), join(root, WEB_DEMO_REZ));
    stamps.record('assets', hash);
  });
}

// The generated stress set of the streaming tests (tools/assets/stress: 256 PIDs, 64 MiB decoded), written
// where the page serves it (build/assets/web/stress). Encoded by the wasm core, like the demo's PIDs.
const WEB_STRESS = 'build/assets/web/stress';

export async function buildStressSet(root, stamps) {
  const hash = hashInputs(root, ['tools/assets/stress', 'engine', 'build/wasm/openclaw_core.mjs', 'build/wasm/openclaw_core.wasm']);
  return step(`stress set (tools/assets/stress -> ${WEB_STRESS})`, async () => {
    if (stamps.fresh('stress', hash, [join(root, WEB_STRESS, 'manifest.json')])) return 'skipped: sources unchanged';
    await run(process.execPath, ['build/tools/assets/stress/main.js', '--out', WEB_STRESS, '--quiet'], { cwd: root });
    stamps.record('stress', hash);
  });
}

// Runs after buildAssets: the page serves the archive, so a new demo.rez rebuilds the page too.
export async function buildWeb(root, stamps) {
  const hash = hashInputs(root, [
    'web', 'engine', 'vite.config.ts', 'package-lock.json',
    'build/wasm/openclaw_core.mjs', 'build/wasm/openclaw_core.wasm',
    'build/wasm/openclaw_core_shared.mjs', 'build/wasm/openclaw_core_shared.wasm', WEB_DEMO_REZ,
    `${WEB_STRESS}/manifest.json`, STRESS_LEVEL_REZ,
  ]);
  return step('web page (vite build -> build/web)', async () => {
    if (stamps.fresh('web', hash, [join(root, 'build/web/index.html'), join(root, 'build/web/demo.rez'), join(root, 'build/web/stress/manifest.json'), join(root, 'build/web/stress-level.rez')])) return 'skipped: sources unchanged';
    await run(nodeBin(root, 'vite'), ['build', '--config', 'vite.config.ts', '--logLevel', 'warn'], { cwd: root });
    stamps.record('web', hash);
  });
}

export async function buildAll(root, stamps) {
  await buildNative(root, stamps);
  await buildWasm(root, stamps);
  await buildEngine(root, stamps);
  await buildTools(root, stamps);
  await buildAssets(root, stamps);
  await buildStressSet(root, stamps);
  await buildStressLevel(root, stamps);
  await buildWeb(root, stamps);
}
