// SnapshotStore: named save slots with a short history, atomic and versioned writes, export/import of
// .clawsnap files. Backends: IndexedDB (browsers; written from a persist worker), memory (the fallback
// where IndexedDB is unavailable), a directory of files (Node). docs/snapshot-store.md has the
// guarantees; store/ has the parts.
//
// The main thread does one thing per save: engine.capture({ seal: false }) (a copy of the state
// region's non-zero pages, no hashing), whose buffer is then transferred to the worker, which seals,
// compresses and commits it.
import { InvalidArgumentError } from '../memory/errors.js';
import type { WasmSource } from '../wasm/loader.js';
import { StoreClosedError, type ExpectedVersion, type FoundVersion } from './store-errors.js';
import { checkExpected, checkHistory, checkMeta, checkSlotName } from './store/records.js';
import { StoreService, type SaveCall, type ServiceConfig, type StoreServiceLike } from './store/service.js';
import type { RegionImage } from './snapshot.js';
import type { BackendKind, SlotInfo, SlotMeta } from './store/types.js';
import { PersistWorkerClient } from './store/worker-client.js';

export type { BackendKind, JsonValue, SlotInfo, SlotMeta } from './store/types.js';

/** Anything that captures a snapshot of its state region: an Engine. */
export interface SnapshotSource {
  capture(options: { seal: false }): Uint8Array;
  /** When present (an Engine), save() takes only this plain copy on the calling thread. */
  captureImage?(into?: ArrayBuffer): RegionImage;
}

export interface SnapshotStoreOptions {
  /** Default: 'indexeddb' in browsers, 'directory' in Node. */
  backend?: BackendKind;
  /** IndexedDB database name (default 'openclaw-snapshots'). */
  database?: string;
  /** Root folder of the directory backend (default '.openclaw/snapshots' under the current directory). */
  directory?: string;
  /** Saves kept per slot, the latest included (default 3, at most 100). */
  history?: number;
  /** gzip stored saves (default true). */
  compress?: boolean;
  /** The wasm core the store seals and verifies with (its own instance): as createEngine's `wasm`. */
  wasm?: WasmSource;
  /**
   * Browsers: the persist worker. Default: engine/snapshot/persist-worker as a module worker. false:
   * run the store on the calling thread (no worker). A function: how to start it (bundlers that need
   * the `new Worker(new URL(...))` expression in application code).
   */
  worker?: boolean | (() => Worker);
  /** Browsers: ask navigator.storage.persist() so that the browser does not evict saves (default true). */
  persist?: boolean;
  /** Directory backend: how long a writer waits for another's lock (ms, default 5000). */
  lockTimeoutMs?: number;
  /** Directory backend: age after which a lock is taken as left by a crashed writer (ms, default 30000). */
  staleLockMs?: number;
}

export interface SaveOptions {
  /**
   * The version this save replaces: a number, 'absent' (the slot must not exist) or 'any' (overwrite).
   * Default: the version this store last saw for the slot (save, load, list, history), 'absent' if it
   * never saw it. A mismatch rejects with SaveConflictError and writes nothing.
   */
  expectedVersion?: ExpectedVersion;
  meta?: SlotMeta;
}

export interface LoadedSave {
  /** The sealed snapshot, verified: give it to engine.restore(). */
  bytes: Uint8Array;
  info: SlotInfo;
}

const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

export class SnapshotStore {
  /** The version each slot had when this store last saw it. */
  private readonly seen = new Map<string, FoundVersion>();
  private closed = false;

  /** @internal Use openSnapshotStore(). */
  constructor(
    private readonly service: StoreServiceLike,
    /** The result of navigator.storage.persist(): true if the browser promised not to evict; undefined where not asked (Node, memory). */
    readonly persisted: boolean | undefined,
  ) {}

  get backend(): BackendKind {
    return this.service.description.backend;
  }

  /** False when saves are kept in memory only (lost when the page or process ends). */
  get persistent(): boolean {
    return this.service.description.persistent;
  }

  /** Why the store is not what was asked for (e.g. why it fell back to memory), for the UI; undefined otherwise. */
  get reason(): string | undefined {
    return this.service.description.reason;
  }

  /**
   * Saves a snapshot into the slot as its new latest save; the oldest save beyond the history limit
   * is deleted in the same atomic step. Resolves when the write is durable. An Engine is captured
   * here (unsealed); a Uint8Array (sealed or not) is copied and fully validated before it is stored.
   */
  async save(slot: string, source: SnapshotSource | Uint8Array, options: SaveOptions = {}): Promise<SlotInfo> {
    this.ensureOpen();
    checkSlotName(slot);
    const expected = options.expectedVersion ?? this.seen.get(slot) ?? 'absent';
    checkExpected(expected);
    const meta = checkMeta(options.meta);
    const untrusted = source instanceof Uint8Array;
    let call: SaveCall;
    if (untrusted) {
      call = { slot, bytes: source.slice(), expected, meta, mode: 'seal', untrusted };
    } else if (typeof source?.captureImage === 'function') {
      // The main thread's whole share: one copy of the state's used bytes. Building the snapshot from
      // it (zero pages, checksums), compressing and writing happen where the service runs.
      const image = source.captureImage(this.service.takeSpare?.());
      call = { slot, bytes: image.bytes, expected, meta, mode: 'image', regionSize: image.regionSize, untrusted };
    } else {
      call = { slot, bytes: ownBuffer(captureOf(source)), expected, meta, mode: 'seal', untrusted };
    }
    const info = await this.service.save(call);
    this.seen.set(slot, info.version);
    return info;
  }

  /** The slot's latest save (or `version` from its history), verified. SlotNotFoundError if absent. */
  async load(slot: string, options: { version?: number } = {}): Promise<LoadedSave> {
    this.ensureOpen();
    const { bytes, info, latest } = await this.service.load(slot, options.version);
    this.seen.set(slot, latest);
    return { bytes, info };
  }

  /** The latest save of every slot, by slot name. */
  async list(): Promise<SlotInfo[]> {
    this.ensureOpen();
    const infos = await this.service.list();
    const present = new Set(infos.map((i) => i.slot));
    for (const slot of this.seen.keys()) if (!present.has(slot)) this.seen.set(slot, 'absent');
    for (const info of infos) this.seen.set(info.slot, info.version);
    return infos;
  }

  /** The slot's saves, newest first (empty if the slot does not exist). */
  async history(slot: string): Promise<SlotInfo[]> {
    this.ensureOpen();
    const { saves, latest } = await this.service.history(slot);
    this.seen.set(slot, latest);
    return saves;
  }

  /** Deletes the slot and its history. expectedVersion defaults to 'any' here. SlotNotFoundError if absent. */
  async delete(slot: string, options: { expectedVersion?: ExpectedVersion } = {}): Promise<void> {
    this.ensureOpen();
    await this.service.remove(slot, options.expectedVersion ?? 'any');
    this.seen.set(slot, 'absent');
  }

  /** The bytes of a .clawsnap file: exactly the sealed snapshot (the native build and claw-snap read it). */
  async exportSlot(slot: string, options: { version?: number } = {}): Promise<Uint8Array> {
    return (await this.load(slot, options)).bytes;
  }

  /**
   * Stores a .clawsnap file as the slot's new save, after full validation by the core: a damaged or
   * foreign file rejects with its snapshot error (ChecksumMismatchError, LayoutMismatchError...) and
   * nothing is written. Version rules as save().
   */
  async importFile(slot: string, file: Blob | Uint8Array, options: SaveOptions = {}): Promise<SlotInfo> {
    this.ensureOpen();
    checkSlotName(slot);
    const expected = options.expectedVersion ?? this.seen.get(slot) ?? 'absent';
    checkExpected(expected);
    const meta = checkMeta(options.meta);
    let bytes: Uint8Array | Blob;
    if (file instanceof Uint8Array) bytes = file.slice();
    else if (typeof Blob !== 'undefined' && file instanceof Blob) bytes = file; // read where the store runs (the worker)
    else throw new InvalidArgumentError('importFile takes a Blob (a File) or a Uint8Array');
    const info = await this.service.save({ slot, bytes, expected, meta, mode: 'sealed', untrusted: true });
    this.seen.set(slot, info.version);
    return info;
  }

  /**
   * Browsers: terminates the persist worker; pending calls reject with PersistWorkerError and the next
   * call starts a fresh worker. For a worker that stopped answering. No effect without a worker.
   */
  restartWorker(): void {
    if (this.service instanceof PersistWorkerClient) this.service.restart();
  }

  /** Closes the database (and the worker). Later calls reject with StoreClosedError. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.service.close();
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}

function captureOf(source: SnapshotSource): Uint8Array {
  if (source === null || typeof source !== 'object' || typeof source.capture !== 'function') {
    throw new InvalidArgumentError('save() takes an Engine (anything with capture()) or the bytes of a snapshot');
  }
  return source.capture({ seal: false });
}

/** The array over a buffer of its own (what a transfer to the worker needs). */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
}

/** A WasmSource that can be posted to a worker: URLs as absolute strings (a relative one would resolve against the worker's own URL). */
function postable(wasm: WasmSource | undefined): WasmSource | undefined {
  if (wasm instanceof URL) return wasm.href;
  if (typeof wasm === 'string') {
    const href = (globalThis as { location?: { href?: string } }).location?.href;
    return href === undefined ? wasm : new URL(wasm, href).href;
  }
  return wasm;
}

function defaultWorker(): Worker {
  return new Worker(new URL('./persist-worker.js', import.meta.url), { type: 'module', name: 'openclaw-persist' });
}

async function requestPersistence(): Promise<boolean> {
  const storage = (globalThis as { navigator?: { storage?: { persist?: () => Promise<boolean> } } }).navigator?.storage;
  if (typeof storage?.persist !== 'function') return false;
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}

/** Opens a snapshot store. Rejects with WasmLoadError when the core cannot be loaded, StorageError when the directory cannot be made. */
export async function openSnapshotStore(options: SnapshotStoreOptions = {}): Promise<SnapshotStore> {
  const backend = options.backend ?? (isNode ? 'directory' : 'indexeddb');
  if (backend !== 'indexeddb' && backend !== 'memory' && backend !== 'directory') {
    throw new InvalidArgumentError(`backend must be 'indexeddb', 'memory' or 'directory', got ${String(backend)}`);
  }
  if (backend === 'directory' && !isNode) throw new InvalidArgumentError("the 'directory' backend needs Node's file system");
  const config: ServiceConfig = {
    backend,
    database: options.database ?? 'openclaw-snapshots',
    directory: options.directory ?? '.openclaw/snapshots',
    history: checkHistory(options.history),
    compress: options.compress ?? true,
    wasm: options.wasm,
    lockTimeoutMs: options.lockTimeoutMs,
    staleLockMs: options.staleLockMs,
  };
  const useWorker = !isNode && options.worker !== false && typeof Worker !== 'undefined';
  let service: StoreServiceLike;
  if (useWorker) {
    const spawn = typeof options.worker === 'function' ? options.worker : defaultWorker;
    service = await PersistWorkerClient.open(spawn, { ...config, wasm: postable(options.wasm) });
  } else {
    service = await StoreService.open(config);
  }
  const persisted = !isNode && options.persist !== false && service.description.persistent ? await requestPersistence() : undefined;
  return new SnapshotStore(service, persisted);
}
