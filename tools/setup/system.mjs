// System prerequisites: Debian packages the builds and tests need. Installed with apt-get when running
// as root; otherwise the exact command is printed and the set-up stops.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError, log, run } from './steps.mjs';

const MIN_NODE = [20, 19];

/** Packages for a purpose. Emscripten comes from $EMSDK instead of Debian when a user has emsdk. */
export function requiredPackages({ browser, fuzz = false }) {
  // libxxhash-dev: the snapshot checksum (XXH3-64), header-only, compiled into both builds.
  // zlib1g-dev: inflating WWD levels natively (the browser and Node use DecompressionStream).
  // libsdl2-dev: the desktop build's window, renderer and gamepads (openclaw-desktop); xvfb: the tests
  // open that window on a virtual display and screenshot it.
  const pkgs = ['cmake', 'make', 'g++', 'libgtest-dev', 'libxxhash-dev', 'zlib1g-dev', 'libsdl2-dev', 'xvfb'];
  // clang and its runtime carry libFuzzer, which only `npm run fuzz` needs.
  if (fuzz) pkgs.push('clang-14', 'libclang-rt-14-dev');
  if (!emsdkRoot()) pkgs.push('emscripten', 'node-acorn');
  if (browser) pkgs.push('chromium');
  return pkgs;
}

export function emsdkRoot() {
  const root = process.env.EMSDK;
  return root && existsSync(join(root, 'upstream', 'emscripten', 'emcc')) ? root : null;
}

function installed(pkg) {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}', pkg], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.toString().startsWith('ii');
  } catch {
    return false;
  }
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    throw new SetupError(
      `Node ${process.versions.node} is too old`,
      `install Node ${MIN_NODE.join('.')} or newer (Vite 8 and Vitest 4 need it)`,
    );
  }
  return `node ${process.versions.node}`;
}

/** Installs what is missing, or explains how. Returns a 'skipped: …' outcome when nothing is missing. */
export async function ensurePackages(pkgs) {
  if (!existsSync('/usr/bin/dpkg-query')) {
    throw new SetupError(
      'this set-up installs system packages with apt-get and needs a Debian-like system',
      `install these yourself: ${pkgs.join(' ')}`,
    );
  }
  const missing = pkgs.filter((p) => !installed(p));
  if (missing.length === 0) return `skipped: ${pkgs.length} packages already installed`;
  const line = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new SetupError(`missing system packages: ${missing.join(' ')}`, `run as root: sudo sh -c '${line}'`);
  }
  log(`installing ${missing.join(' ')} (apt-get; a first install takes a few minutes)`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-q'], { env });
  await run('apt-get', ['install', '-y', '-q', ...missing], { env });
  const still = missing.filter((p) => !installed(p));
  if (still.length) throw new SetupError(`apt-get did not install: ${still.join(' ')}`);
  return `installed ${missing.join(' ')}`;
}
