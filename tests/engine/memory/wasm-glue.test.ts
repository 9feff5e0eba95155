// The plain and the shared core each need their own glue: given the other one, createEngine says
// which .wasm goes with which glue instead of failing inside instantiation.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { WasmLoadError } from '../../../engine/index.js';
import { freshEngine } from '../support/engine.js';

const dir = new URL('../../../build/wasm/', import.meta.url);
const plainWasm = (): Promise<Uint8Array> => readFile(new URL('openclaw_core.wasm', dir));
const sharedWasm = (): Promise<Uint8Array> => readFile(new URL('openclaw_core_shared.wasm', dir));

async function loadError(p: Promise<unknown>): Promise<WasmLoadError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(WasmLoadError);
  return err as WasmLoadError;
}

describe('wasm core and glue', () => {
  it('the shared .wasm with the plain glue names both pairs', async () => {
    const err = await loadError(freshEngine({ wasm: await sharedWasm() }));
    expect(err.message).toContain('this .wasm is the shared core');
    expect(err.message).toContain('openclaw_core_shared.wasm) goes with the shared glue (#core-shared');
    expect(err.message).toContain('openclaw_core.wasm) goes with the plain glue (#core');
  });

  it('the plain .wasm with the shared glue names both pairs', async () => {
    const err = await loadError(freshEngine({ wasm: await plainWasm(), sharedMemory: true }));
    expect(err.message).toContain('this .wasm is the plain core');
    expect(err.message).toContain('sharedMemory: false');
  });

  it('matching pairs load', async () => {
    const plain = await freshEngine({ wasm: await plainWasm() });
    expect(plain.memory.buffer).toBeInstanceOf(ArrayBuffer);
    const shared = await freshEngine({ wasm: await sharedWasm(), sharedMemory: true });
    expect(shared.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});
