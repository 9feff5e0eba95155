// The directory backend (Node: tools, tests, the desktop build). Layout, one folder per slot:
//   <root>/<slot folder>/index.json     the slot record (records.ts), replaced atomically
//   <root>/<slot folder>/v<version>.snap the stored bytes of one save
//   <root>/<slot folder>/.lock           held while a save or delete decides and commits
// A save writes and fsyncs its data to a temporary file first (outside the lock: it is the slow
// part), then under the lock (open 'wx': exactly one writer creates it) reads the record, checks the
// version, renames the data into place, replaces index.json by write-temp-fsync-rename, fsyncs the
// folder, and only then deletes the saves that fell out of the history. A crash at any point leaves
// index.json either old or new, and it only ever names files that are complete.
import { StorageError, type ExpectedVersion } from '../store-errors.js';
import type { SlotBackend } from './backend.js';
import { storageFailure } from './failures.js';
import { errno, loadNodeModules, type NodeModules } from './node-fs.js';
import { applyDelete, applySave, parseRecord } from './records.js';
import type { CommitRequest, SlotRecord, StoreDescription, StoredSave } from './types.js';

export interface DirectoryOptions {
  /** How long a writer waits for another one's lock before failing with StorageError (ms, default 5000). */
  lockTimeoutMs?: number;
  /** A lock older than this was left by a crashed writer and is broken (ms, default 30000; a live writer holds it for milliseconds). */
  staleLockMs?: number;
}

const INDEX = 'index.json';
const LOCK = '.lock';
const TMP_PREFIX = '.tmp-';
const ORPHAN_TMP_MS = 10 * 60_000;

/** A slot's folder name: every character but [a-z0-9_-] as %XX, so names differing in case or ending in '.' stay distinct on every file system. */
export function slotFolder(slot: string): string {
  return slot.replace(/[^a-z0-9_-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function dataFile(version: number): string {
  return `v${version}.snap`;
}

function tmpName(): string {
  return `${TMP_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class DirectoryBackend implements SlotBackend {
  readonly description: StoreDescription = { backend: 'directory', persistent: true, reason: undefined };
  private readonly lockTimeoutMs: number;
  private readonly staleLockMs: number;

  private constructor(
    private readonly node: NodeModules,
    readonly root: string,
    options: DirectoryOptions,
  ) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? 5000;
    this.staleLockMs = options.staleLockMs ?? 30_000;
  }

  static async open(root: string, options: DirectoryOptions = {}): Promise<DirectoryBackend> {
    const node = await loadNodeModules();
    const dir = node.path.resolve(root);
    try {
      await node.fs.mkdir(dir, { recursive: true });
    } catch (err) {
      throw storageFailure(err, `creating the snapshot directory ${dir}`);
    }
    return new DirectoryBackend(node, dir, options);
  }

  async commit(request: CommitRequest, data: Uint8Array): Promise<StoredSave> {
    const what = `saving slot "${request.slot}"`;
    const dir = this.slotDir(request.slot);
    const { fs } = this.node;
    let tmp: string | undefined;
    try {
      await fs.mkdir(dir, { recursive: true });
      tmp = this.join(dir, tmpName());
      await this.writeDurably(tmp, data);
      const staged = tmp;
      const save = await this.locked(dir, what, async () => {
        const { record, save, dropped } = applySave(await this.readRecord(request.slot), request);
        await fs.rename(staged, this.join(dir, dataFile(save.version)));
        await this.writeRecord(dir, record);
        await this.removeFiles(dir, dropped);
        await this.sweep(dir, record);
        return save;
      });
      tmp = undefined;
      return save;
    } catch (err) {
      throw storageFailure(err, what);
    } finally {
      if (tmp !== undefined) await this.unlinkQuietly(tmp);
    }
  }

  async remove(slot: string, expected: ExpectedVersion): Promise<number> {
    const what = `deleting slot "${slot}"`;
    const dir = this.slotDir(slot);
    try {
      await this.node.fs.mkdir(dir, { recursive: true });
      return await this.locked(dir, what, async () => {
        const { record, dropped } = applyDelete(await this.readRecord(slot), slot, expected);
        await this.writeRecord(dir, record);
        await this.removeFiles(dir, dropped);
        return record.version;
      });
    } catch (err) {
      throw storageFailure(err, what);
    }
  }

  record(slot: string): Promise<SlotRecord | undefined> {
    return this.readRecord(slot);
  }

  async records(): Promise<SlotRecord[]> {
    let names: string[];
    try {
      names = await this.node.fs.readdir(this.root);
    } catch (err) {
      throw storageFailure(err, `listing ${this.root}`);
    }
    const out: SlotRecord[] = [];
    for (const name of names.sort()) {
      let slot: string;
      try {
        slot = decodeURIComponent(name);
      } catch {
        continue; // not a folder this store made
      }
      if (slotFolder(slot) !== name) continue;
      const record = await this.readRecord(slot);
      if (record) out.push(record);
    }
    return out.sort((a, b) => (a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : 0));
  }

  async data(slot: string, version: number): Promise<Uint8Array> {
    const file = this.join(this.slotDir(slot), dataFile(version));
    try {
      return new Uint8Array(await this.node.fs.readFile(file));
    } catch (err) {
      if (errno(err) === 'ENOENT') throw new StorageError(`slot "${slot}" version ${version}: its data file ${file} is missing`, { cause: err });
      throw storageFailure(err, `reading ${file}`);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private slotDir(slot: string): string {
    return this.join(this.root, slotFolder(slot));
  }

  private join(...parts: string[]): string {
    return this.node.path.join(...parts);
  }

  private async readRecord(slot: string): Promise<SlotRecord | undefined> {
    const file = this.join(this.slotDir(slot), INDEX);
    let text: string;
    try {
      text = new TextDecoder().decode(await this.node.fs.readFile(file));
    } catch (err) {
      if (errno(err) === 'ENOENT') return undefined;
      throw storageFailure(err, `reading ${file}`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new StorageError(`slot "${slot}": ${file} is not JSON`);
    }
    return parseRecord(value, slot);
  }

  private async writeRecord(dir: string, record: SlotRecord): Promise<void> {
    const tmp = this.join(dir, tmpName());
    try {
      await this.writeDurably(tmp, new TextEncoder().encode(JSON.stringify(record)));
      await this.node.fs.rename(tmp, this.join(dir, INDEX));
    } catch (err) {
      await this.unlinkQuietly(tmp);
      throw err;
    }
    await this.syncDir(dir);
  }

  private async writeDurably(file: string, data: Uint8Array): Promise<void> {
    const handle = await this.node.fs.open(file, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** fsync of a folder makes its renames durable (Linux, macOS); platforms that cannot open a folder skip it. */
  private async syncDir(dir: string): Promise<void> {
    let handle;
    try {
      handle = await this.node.fs.open(dir, 'r');
    } catch {
      return;
    }
    try {
      await handle.sync();
    } catch {
      // EISDIR/EPERM/EINVAL on file systems without folder fsync: nothing more can be done.
    } finally {
      await handle.close();
    }
  }

  private async removeFiles(dir: string, versions: number[]): Promise<void> {
    for (const v of versions) await this.unlinkQuietly(this.join(dir, dataFile(v)));
  }

  /** Deletes what crashed writers left: data files the record does not name, and old temporary files. */
  private async sweep(dir: string, record: SlotRecord): Promise<void> {
    const keep = new Set(record.saves.map((s) => dataFile(s.version)));
    for (const name of await this.node.fs.readdir(dir)) {
      if (/^v\d+\.snap$/.test(name) && !keep.has(name)) {
        await this.unlinkQuietly(this.join(dir, name));
      } else if (name.startsWith(TMP_PREFIX)) {
        const file = this.join(dir, name);
        const age = await this.node.fs.stat(file).then((s) => Date.now() - s.mtimeMs, () => 0);
        if (age > ORPHAN_TMP_MS) await this.unlinkQuietly(file);
      }
    }
  }

  private async unlinkQuietly(file: string): Promise<void> {
    try {
      await this.node.fs.unlink(file);
    } catch {
      // Already gone, or not ours to delete: a later sweep retries.
    }
  }

  /** Runs `body` holding the slot's lock file. */
  private async locked<T>(dir: string, what: string, body: () => Promise<T>): Promise<T> {
    const lock = this.join(dir, LOCK);
    const deadline = Date.now() + this.lockTimeoutMs;
    let delay = 2;
    for (;;) {
      try {
        const handle = await this.node.fs.open(lock, 'wx');
        await handle.close();
        break;
      } catch (err) {
        if (errno(err) !== 'EEXIST') throw err;
      }
      const age = await this.node.fs.stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > this.staleLockMs) {
        await this.unlinkQuietly(lock);
        continue;
      }
      if (Date.now() > deadline) throw new StorageError(`${what}: ${lock} is held by another writer (waited ${this.lockTimeoutMs} ms)`);
      await sleep(delay);
      delay = Math.min(delay * 2, 50);
    }
    try {
      return await body();
    } finally {
      await this.unlinkQuietly(lock);
    }
  }
}
