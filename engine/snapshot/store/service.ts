// The store's work, wherever it runs (the persist worker in browsers, the caller's thread in Node):
// seal or verify with its own core, compress, and commit through the backend; read, inflate and
// verify on the way back. Its inputs and outputs are plain, cloneable data, so the worker exposes it
// as it is. Open falls back from IndexedDB to memory, and says why.
import { InvalidArgumentError } from '../../memory/errors.js';
import type { WasmSource } from '../../wasm/loader.js';
import type { ExpectedVersion, FoundVersion } from '../store-errors.js';
import type { SlotBackend } from './backend.js';
import { SnapshotCodec } from './codec.js';
import { gunzip, gzip } from './compress.js';
import { DirectoryBackend } from './directory-backend.js';
import { IndexedDbBackend } from './indexeddb-backend.js';
import { MemoryBackend } from './memory-backend.js';
import { checkExpected, checkHistory, checkMeta, checkSlotName, foundVersion, pickSave, toInfo } from './records.js';
import type { BackendKind, SlotInfo, SlotMeta, StoreDescription } from './types.js';

export interface ServiceConfig {
  backend: BackendKind;
  /** IndexedDB database name. */
  database: string;
  /** Root folder of the directory backend. */
  directory: string;
  history: number;
  compress: boolean;
  wasm?: WasmSource;
  lockTimeoutMs?: number;
  staleLockMs?: number;
}

export interface SaveCall {
  slot: string;
  /** The snapshot (the service owns this array: it is sealed in place), or a file to read it from. */
  bytes: Uint8Array | Blob;
  expected: ExpectedVersion;
  meta: SlotMeta;
  /**
   * 'seal': an unsealed capture is sealed here; 'sealed': must arrive sealed (an imported file);
   * 'image': a region image (engine.captureImage()) that the snapshot is built from here.
   */
  mode: 'seal' | 'sealed' | 'image';
  /** mode 'image': the size of the region the image was copied from. */
  regionSize?: number;
  /** Bytes from outside the engine: validate them fully (restore into a scratch region) before storing. */
  untrusted: boolean;
}

export interface LoadResult {
  bytes: Uint8Array;
  info: SlotInfo;
  /** The slot's current version (the loaded save may be an older one from its history). */
  latest: FoundVersion;
}

export interface HistoryResult {
  saves: SlotInfo[];
  latest: FoundVersion;
}

/** What SnapshotStore calls: a StoreService here, or the same methods through the persist worker. */
export interface StoreServiceLike {
  readonly description: StoreDescription;
  save(call: SaveCall): Promise<SlotInfo>;
  /** A buffer a finished 'image' save handed back, for the next captureImage() to reuse (workers only). */
  takeSpare?(): ArrayBuffer | undefined;
  load(slot: string, version?: number): Promise<LoadResult>;
  list(): Promise<SlotInfo[]>;
  history(slot: string): Promise<HistoryResult>;
  remove(slot: string, expected: ExpectedVersion): Promise<number>;
  close(): Promise<void>;
}

async function openBackend(config: ServiceConfig): Promise<SlotBackend> {
  switch (config.backend) {
    case 'memory':
      return new MemoryBackend();
    case 'directory':
      return DirectoryBackend.open(config.directory, { lockTimeoutMs: config.lockTimeoutMs, staleLockMs: config.staleLockMs });
    case 'indexeddb':
      try {
        return await IndexedDbBackend.open(config.database);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return new MemoryBackend(`${why}: saves are kept in memory and lost when the page closes`);
      }
    default:
      throw new InvalidArgumentError(`unknown store backend ${JSON.stringify(config.backend)}`);
  }
}

export class StoreService implements StoreServiceLike {
  private constructor(
    private readonly backend: SlotBackend,
    private readonly codec: SnapshotCodec,
    private readonly config: ServiceConfig,
  ) {}

  static async open(config: ServiceConfig): Promise<StoreService> {
    checkHistory(config.history);
    const codec = await SnapshotCodec.open(config.wasm);
    return new StoreService(await openBackend(config), codec, config);
  }

  get description(): StoreDescription {
    return this.backend.description;
  }

  async save(call: SaveCall): Promise<SlotInfo> {
    checkSlotName(call.slot);
    checkExpected(call.expected);
    const meta = checkMeta(call.meta);
    let input = call.bytes instanceof Uint8Array ? call.bytes : new Uint8Array(await call.bytes.arrayBuffer());
    if (call.mode === 'image') input = this.codec.fromImage(input, call.regionSize ?? 0);
    const { bytes, frame } = this.codec.check(input, { seal: call.mode !== 'sealed', deep: call.untrusted });
    const stored = this.config.compress ? await gzip(bytes) : bytes;
    const save = await this.backend.commit(
      {
        slot: call.slot,
        expected: call.expected,
        history: this.config.history,
        draft: {
          savedAt: Date.now(),
          frame: frame.toString(),
          storedBytes: stored.length,
          snapshotBytes: bytes.length,
          encoding: this.config.compress ? 'gzip' : 'none',
          meta,
        },
      },
      stored,
    );
    return toInfo(call.slot, save);
  }

  async load(slot: string, version?: number): Promise<LoadResult> {
    checkSlotName(slot);
    const record = await this.backend.record(slot);
    const save = pickSave(record, slot, version);
    const what = `slot "${slot}" version ${save.version}`;
    const stored = await this.backend.data(slot, save.version);
    const bytes = save.encoding === 'gzip' ? await gunzip(stored, what) : stored;
    // The stored bytes were sealed and verified before they were written; verify again, because
    // storage is outside our control (a damaged disk, an edited file).
    this.codec.check(bytes, { seal: false, deep: false });
    return { bytes, info: toInfo(slot, save), latest: foundVersion(record) };
  }

  async list(): Promise<SlotInfo[]> {
    const records = await this.backend.records();
    return records.filter((r) => r.saves.length > 0).map((r) => toInfo(r.slot, r.saves[0]!));
  }

  async history(slot: string): Promise<HistoryResult> {
    checkSlotName(slot);
    const record = await this.backend.record(slot);
    return { saves: (record?.saves ?? []).map((s) => toInfo(slot, s)), latest: foundVersion(record) };
  }

  remove(slot: string, expected: ExpectedVersion): Promise<number> {
    checkSlotName(slot);
    checkExpected(expected);
    return this.backend.remove(slot, expected);
  }

  close(): Promise<void> {
    this.codec.dispose();
    return this.backend.close();
  }
}
