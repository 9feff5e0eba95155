// Loads the wasm core: imports the Emscripten glue (`#core`), obtains the wasm bytes as the caller
// asked, and instantiates it through the glue's instantiateWasm hook so that the engine calls the
// instance's exports directly (no JS wrappers in the hot path).
//
// Where the bytes come from: a WebAssembly.Module, bytes, or a URL/path given by the caller; by
// default in Node the file package.json maps `#core-wasm` to, and in browsers the .wasm next to the
// glue module (Emscripten's own lookup).
//
// The shared-memory core (`{ shared: true }`: `#core-shared`, built with -pthread) imports its memory
// (a SharedArrayBuffer one) instead of exporting it: bindExports finds it among the imports.
import { WasmLoadError } from '../memory/errors.js';
import { CORE_FUNCTIONS, type CoreExports } from './exports.js';

export type WasmSource = string | URL | ArrayBuffer | Uint8Array | WebAssembly.Module;

interface NodeFs {
  readFile(path: URL | string): Promise<Uint8Array<ArrayBuffer>>;
}
interface NodeModule {
  createRequire(from: string): { resolve(id: string): string };
}
interface NodeUrl {
  pathToFileURL(path: string): URL;
}

const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

// Node built-ins are imported by computed names so that browser bundlers leave them alone; this
// code only runs in Node.
async function nodeImport<T>(name: string): Promise<T> {
  return (await import(/* @vite-ignore */ name)) as T;
}

export interface LoadCoreOptions {
  /** Load the shared-memory core: its memory is a SharedArrayBuffer (needs crossOriginIsolated in browsers). */
  shared?: boolean;
}

const defaultModules = new Map<string, Promise<WebAssembly.Module>>();

/** The URL of the core's .wasm as package.json "imports" maps `#core-wasm` or `#core-shared-wasm` (Node). */
async function defaultWasmUrl(specifier: string): Promise<URL> {
  const meta = import.meta as ImportMeta & { resolve?: (specifier: string) => string };
  if (typeof meta.resolve === 'function') {
    try {
      return new URL(meta.resolve(specifier));
    } catch {
      // Some module runners (test runners, bundlers) do not implement import.meta.resolve: fall through.
    }
  }
  const { createRequire } = await nodeImport<NodeModule>('node:module');
  const { pathToFileURL } = await nodeImport<NodeUrl>('node:url');
  return pathToFileURL(createRequire(import.meta.url).resolve(specifier));
}

async function readFileUrl(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  const fs = await nodeImport<NodeFs>('node:fs/promises');
  return fs.readFile(url);
}

function toUrl(source: string | URL): Promise<URL> | URL {
  if (source instanceof URL) return source;
  const href = (globalThis as { location?: { href?: string } }).location?.href;
  if (!isNode) return new URL(source, href);
  // In Node a string is a URL when it has a scheme (file:, http:, data: ...), otherwise a file path.
  if (/^[a-z][a-z0-9+.-]+:/i.test(source)) return new URL(source);
  return nodeImport<NodeUrl>('node:url').then((u) => u.pathToFileURL(source));
}

async function compileUrl(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === 'file:' && isNode) return WebAssembly.compile(await readFileUrl(url));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url.href}: HTTP ${response.status}`);
  if (response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** The compiled core, or null when the glue should find the .wasm itself (browser default). */
async function compileSource(source: WasmSource | undefined, shared: boolean): Promise<WebAssembly.Module | null> {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer) return WebAssembly.compile(source);
  // A view over a SharedArrayBuffer is fine for compile(); the DOM typings only list ArrayBuffer.
  if (source instanceof Uint8Array) return WebAssembly.compile(source as Uint8Array<ArrayBuffer>);
  if (source === undefined) {
    if (!isNode) return null;
    const specifier = shared ? '#core-shared-wasm' : '#core-wasm';
    let pending = defaultModules.get(specifier);
    if (pending === undefined) {
      pending = defaultWasmUrl(specifier).then(compileUrl);
      defaultModules.set(specifier, pending);
    }
    // A failed default load must not stick: the next createEngine() tries again.
    return pending.catch((err: unknown) => {
      defaultModules.delete(specifier);
      throw err;
    });
  }
  return compileUrl(await toUrl(source));
}

type ExportTable = Record<string, unknown>;

const PLAIN = 'the plain core (openclaw_core.wasm) goes with the plain glue (#core, openclaw_core.mjs)';
const SHARED = 'the shared core (openclaw_core_shared.wasm) goes with the shared glue (#core-shared, openclaw_core_shared.mjs)';

/**
 * The two builds differ in how they get their memory: the plain core exports it, the shared one
 * imports env.memory. Given to the other glue, a core fails deep in instantiation (a LinkError) or,
 * worse, instantiates with a memory that is not the one asked for; say which goes with which instead.
 */
function ensureGlueMatches(module: WebAssembly.Module, shared: boolean): void {
  const importsMemory = WebAssembly.Module.imports(module).some((i) => i.kind === 'memory');
  const exportsMemory = WebAssembly.Module.exports(module).some((e) => e.kind === 'memory');
  if (shared && !importsMemory && exportsMemory) {
    throw new WasmLoadError(
      `sharedMemory: true loads the shared glue, but this .wasm is the plain core: ${SHARED}, ${PLAIN} ` +
        '(pass the shared .wasm, or sharedMemory: false)',
    );
  }
  if (!shared && importsMemory && !exportsMemory) {
    throw new WasmLoadError(
      `this .wasm is the shared core, but the plain glue was asked for: ${SHARED}, ${PLAIN} ` +
        '(pass sharedMemory: true, or the plain .wasm)',
    );
  }
}

/**
 * The core's functions by their C names. The instance's own exports are used when they carry those
 * names (wasm.cmake keeps them unminified); otherwise (an optimised build from another Emscripten
 * release that minified them) the glue's `_name` wrappers, which are slower but equivalent.
 */
function bindExports(
  instanceExports: ExportTable | undefined,
  glue: ExportTable,
  imports?: WebAssembly.Imports,
): CoreExports {
  if (!instanceExports) throw new WasmLoadError('the wasm core did not expose its exports');
  const table: ExportTable = {};
  const missing: string[] = [];
  for (const name of CORE_FUNCTIONS) {
    const fn = typeof instanceExports[name] === 'function' ? instanceExports[name] : glue[`_${name}`];
    if (typeof fn === 'function') table[name] = fn;
    else missing.push(name);
  }
  // The plain core exports its memory; the shared one imports it (env.memory), and its glue keeps it
  // as wasmMemory when it instantiated the module itself.
  const memory =
    Object.values(instanceExports).find((v) => v instanceof WebAssembly.Memory) ??
    Object.values(imports ?? {})
      .flatMap((ns) => Object.values(ns))
      .find((v) => v instanceof WebAssembly.Memory) ??
    (glue['wasmMemory'] instanceof WebAssembly.Memory ? glue['wasmMemory'] : undefined);
  if (!memory) missing.push('memory');
  if (missing.length > 0) {
    throw new WasmLoadError(`the wasm module is not the OpenClaw core: missing ${missing.join(', ')}`);
  }
  table['memory'] = memory;
  return table as unknown as CoreExports;
}

/** Loads and instantiates a fresh instance of the core (each engine has its own linear memory). */
export async function loadCore(source?: WasmSource, options: LoadCoreOptions = {}): Promise<CoreExports> {
  const shared = options.shared === true;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (shared && (typeof SharedArrayBuffer === 'undefined' || (!isNode && isolated === false))) {
    throw new WasmLoadError(
      'sharedMemory needs SharedArrayBuffer: serve the page cross-origin isolated (COOP same-origin + COEP require-corp)',
    );
  }
  let compiled: WebAssembly.Module | null;
  try {
    compiled = await compileSource(source, shared);
  } catch (err) {
    throw new WasmLoadError(`could not load the wasm core: ${(err as Error).message ?? String(err)}`, { cause: err });
  }
  if (compiled !== null) ensureGlueMatches(compiled, shared);

  let createCore: (typeof import('#core'))['default'];
  try {
    createCore = shared ? (await import('#core-shared')).default : (await import('#core')).default;
  } catch (err) {
    const glue = shared ? '#core-shared -> build/wasm/openclaw_core_shared.mjs' : '#core -> build/wasm/openclaw_core.mjs';
    throw new WasmLoadError(
      `could not import the wasm glue module (${glue}; run \`npm run build\`): ${(err as Error).message ?? String(err)}`,
      { cause: err },
    );
  }

  try {
    if (compiled === null) {
      const core = await createCore();
      return bindExports(core.asm ?? core.wasmExports, core as unknown as ExportTable);
    }
    const module = compiled;
    let instanceExports: WebAssembly.Exports | undefined;
    let instanceImports: WebAssembly.Imports | undefined;
    let ready: Promise<object> = Promise.resolve({});
    const instantiated = new Promise<void>((resolve, reject) => {
      ready = createCore({
        instantiateWasm(imports, receive) {
          instanceImports = imports;
          WebAssembly.instantiate(module, imports)
            .then((instance) => {
              instanceExports = instance.exports;
              receive(instance, module);
              resolve();
            })
            .catch(reject);
          return {};
        },
      });
      ready.catch(reject);
    });
    // Both: the instance exists, and the glue has run its start-up (static constructors).
    const [, core] = await Promise.all([instantiated, ready]);
    return bindExports(instanceExports, core as unknown as ExportTable, instanceImports);
  } catch (err) {
    if (err instanceof WasmLoadError) throw err;
    throw new WasmLoadError(`could not instantiate the wasm core: ${(err as Error).message ?? String(err)}`, { cause: err });
  }
}
