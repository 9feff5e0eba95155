// The persist worker's side of the channel: a StoreService behind comlink. Every method returns an
// Outcome instead of throwing, so that typed errors survive the trip (error-transport.ts), and
// snapshot bytes leave the worker transferred, not copied.
import { transfer } from 'comlink';
import type { ExpectedVersion } from '../store-errors.js';
import { encodeError, type EncodedError } from './error-transport.js';
import { StoreService, type HistoryResult, type LoadResult, type SaveCall, type ServiceConfig } from './service.js';
import type { SlotInfo, StoreDescription } from './types.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: EncodedError };

export interface PersistWorkerApi {
  open(config: ServiceConfig): Promise<Outcome<StoreDescription>>;
  /** `spare`: the image buffer of an 'image' save, handed back (transferred) for reuse. */
  save(call: SaveCall): Promise<Outcome<SlotInfo> & { spare?: ArrayBuffer }>;
  load(slot: string, version?: number): Promise<Outcome<LoadResult>>;
  list(): Promise<Outcome<SlotInfo[]>>;
  history(slot: string): Promise<Outcome<HistoryResult>>;
  remove(slot: string, expected: ExpectedVersion): Promise<Outcome<number>>;
  close(): Promise<Outcome<void>>;
}

async function outcome<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    return { ok: false, error: encodeError(err) };
  }
}

export function createPersistWorkerApi(): PersistWorkerApi {
  let service: Promise<StoreService> | undefined;
  const ready = (): Promise<StoreService> => {
    if (!service) return Promise.reject(new Error('the persist worker was not opened'));
    return service;
  };
  return {
    open: (config) =>
      outcome(async () => {
        // A failed open is not kept: the page may call open again (a fresh worker does anyway).
        service ??= StoreService.open(config).catch((err: unknown) => {
          service = undefined;
          throw err;
        });
        return (await service).description;
      }),
    save: async (call) => {
      const result = await outcome(async () => (await ready()).save(call));
      // The image was copied into this worker's core; its buffer goes back to be filled again.
      const spare = call.mode === 'image' && call.bytes instanceof Uint8Array ? call.bytes.buffer : undefined;
      return spare instanceof ArrayBuffer ? transfer({ ...result, spare }, [spare]) : result;
    },
    load: async (slot, version) => {
      const result = await outcome(async () => (await ready()).load(slot, version));
      return result.ok ? transfer(result, [result.value.bytes.buffer]) : result;
    },
    list: () => outcome(async () => (await ready()).list()),
    history: (slot) => outcome(async () => (await ready()).history(slot)),
    remove: (slot, expected) => outcome(async () => (await ready()).remove(slot, expected)),
    close: () => outcome(async () => (await ready()).close()),
  };
}
