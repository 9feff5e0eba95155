// The shapes the store exchanges: what callers see (SlotInfo), what backends keep (SlotRecord), and
// what the save path hands a backend (a draft without its version, which only the commit assigns).
// Everything here is plain data: structured-cloneable (worker messages, IndexedDB) and, through
// records.ts, JSON for the directory backend.
import type { ExpectedVersion } from '../store-errors.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** Caller data kept with a save (a level name, a play time...): JSON values only. */
export type SlotMeta = { [key: string]: JsonValue };

/** One save of a slot, as list(), history(), save() and load() describe it. */
export interface SlotInfo {
  slot: string;
  /** Increases by one with every save or delete of the slot; never reused, even after a delete. */
  version: number;
  /** When the save was committed (ms since the epoch). */
  savedAt: number;
  /** The state region's frame counter in the snapshot. */
  frame: bigint;
  /** Bytes kept by the backend (compressed). */
  storedBytes: number;
  /** Bytes of the sealed snapshot (what load() returns and a .clawsnap file holds). */
  snapshotBytes: number;
  meta: SlotMeta;
}

export type StoredEncoding = 'gzip' | 'none';

/** One save inside a slot record. `frame` is a decimal string so that records are JSON as well. */
export interface StoredSave {
  version: number;
  savedAt: number;
  frame: string;
  storedBytes: number;
  snapshotBytes: number;
  encoding: StoredEncoding;
  meta: SlotMeta;
}

/**
 * A slot's index record. `saves` is newest first and holds at most the history limit; an empty list is
 * a deleted slot (a tombstone), kept so that its version number is never handed out again.
 */
export interface SlotRecord {
  format: 1;
  slot: string;
  version: number;
  saves: StoredSave[];
}

/** A save ready to commit: everything but the version. */
export type SaveDraft = Omit<StoredSave, 'version'>;

/** What a backend's commit needs besides the data. */
export interface CommitRequest {
  slot: string;
  expected: ExpectedVersion;
  draft: SaveDraft;
  /** Saves kept per slot, the new one included (>= 1). */
  history: number;
}

export type BackendKind = 'indexeddb' | 'memory' | 'directory';

/** How the open store is backed, for the UI: `persistent` false means saves die with the page. */
export interface StoreDescription {
  backend: BackendKind;
  persistent: boolean;
  /** Why the store is not what was asked for (e.g. IndexedDB failed to open, so memory), or undefined. */
  reason: string | undefined;
}
