// Loads the wasm core: imports the Emscripten glue (`#core`), obtains the wasm bytes as the caller
// asked, and instantiates it through the glue's instantiateWasm hook so that the engine calls the
// instance's exports directly (no JS wrappers in the hot path).
//
// Where the bytes come from: a WebAssembly.Module, bytes, or a URL/path given by the caller; by
// default in Node the file package.json maps `#core-wasm` to, and in browsers the .wasm next to the
// glue module (Emscripten's own lookup).
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

let defaultModule: Promise<WebAssembly.Module> | undefined;

/** The URL of the core's .wasm as package.json "imports" maps `#core-wasm` (Node). */
async function defaultWasmUrl(): Promise<URL> {
  const meta = import.meta as ImportMeta & { resolve?: (specifier: string) => string };
  if (typeof meta.resolve === 'function') {
    try {
      return new URL(meta.resolve('#core-wasm'));
    } catch {
      // Some module runners (test runners, bundlers) do not implement import.meta.resolve: fall through.
    }
  }
  const { createRequire } = await nodeImport<NodeModule>('node:module');
  const { pathToFileURL } = await nodeImport<NodeUrl>('node:url');
  return pathToFileURL(createRequire(import.meta.url).resolve('#core-wasm'));
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
async function compileSource(source: WasmSource | undefined): Promise<WebAssembly.Module | null> {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer) return WebAssembly.compile(source);
  // A view over a SharedArrayBuffer is fine for compile(); the DOM typings only list ArrayBuffer.
  if (source instanceof Uint8Array) return WebAssembly.compile(source as Uint8Array<ArrayBuffer>);
  if (source === undefined) {
    if (!isNode) return null;
    defaultModule ??= defaultWasmUrl().then(compileUrl);
    // A failed default load must not stick: the next createEngine() tries again.
    return defaultModule.catch((err: unknown) => {
      defaultModule = undefined;
      throw err;
    });
  }
  return compileUrl(await toUrl(source));
}

type ExportTable = Record<string, unknown>;

/**
 * The core's functions by their C names. The instance's own exports are used when they carry those
 * names (wasm.cmake keeps them unminified); otherwise (an optimised build from another Emscripten
 * release that minified them) the glue's `_name` wrappers, which are slower but equivalent.
 */
function bindExports(instanceExports: ExportTable | undefined, glue: ExportTable): CoreExports {
  if (!instanceExports) throw new WasmLoadError('the wasm core did not expose its exports');
  const table: ExportTable = {};
  const missing: string[] = [];
  for (const name of CORE_FUNCTIONS) {
    const fn = typeof instanceExports[name] === 'function' ? instanceExports[name] : glue[`_${name}`];
    if (typeof fn === 'function') table[name] = fn;
    else missing.push(name);
  }
  const memory = Object.values(instanceExports).find((v) => v instanceof WebAssembly.Memory);
  if (!memory) missing.push('memory');
  if (missing.length > 0) {
    throw new WasmLoadError(`the wasm module is not the OpenClaw core: missing ${missing.join(', ')}`);
  }
  table['memory'] = memory;
  return table as unknown as CoreExports;
}

/** Loads and instantiates a fresh instance of the core (each engine has its own linear memory). */
export async function loadCore(source?: WasmSource): Promise<CoreExports> {
  let compiled: WebAssembly.Module | null;
  try {
    compiled = await compileSource(source);
  } catch (err) {
    throw new WasmLoadError(`could not load the wasm core: ${(err as Error).message ?? String(err)}`, { cause: err });
  }

  let createCore: (typeof import('#core'))['default'];
  try {
    createCore = (await import('#core')).default;
  } catch (err) {
    throw new WasmLoadError(
      `could not import the wasm glue module (#core -> build/wasm/openclaw_core.mjs; run \`npm run build\`): ${(err as Error).message ?? String(err)}`,
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
    let ready: Promise<object> = Promise.resolve({});
    const instantiated = new Promise<void>((resolve, reject) => {
      ready = createCore({
        instantiateWasm(imports, receive) {
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
    return bindExports(instanceExports, core as unknown as ExportTable);
  } catch (err) {
    if (err instanceof WasmLoadError) throw err;
    throw new WasmLoadError(`could not instantiate the wasm core: ${(err as Error).message ?? String(err)}`, { cause: err });
  }
}
