// The Emscripten glue module that package.json maps `#core` to (build/wasm/openclaw_core.mjs).
// Internal to engine/wasm/: only loader.ts imports it, and no public type mentions it.
declare module '#core' {
  interface CoreModuleOptions {
    /** Called instead of Emscripten's own fetch + instantiate; returns {} when it will call receive later. */
    instantiateWasm?: (
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void,
    ) => object;
    locateFile?: (path: string, prefix: string) => string;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }
  interface CoreModule {
    /** The instance's exports (Emscripten 3.1.x); newer releases call it wasmExports. */
    asm?: WebAssembly.Exports;
    wasmExports?: WebAssembly.Exports;
  }
  const createCore: (options?: CoreModuleOptions) => Promise<CoreModule>;
  export default createCore;
}

// The shared-memory core (build/wasm/openclaw_core_shared.mjs): the same glue interface; its memory is
// imported (env.memory), not exported.
declare module '#core-shared' {
  const createCore: (typeof import('#core'))['default'];
  export default createCore;
}
