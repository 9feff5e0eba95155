// The rules every backend applies inside its atomic step: the version check, the new index record
// with its bounded history, and which stored saves fall out of it. Pure functions, so the three
// backends cannot disagree about what a conflict is.
import { InvalidArgumentError } from '../../memory/errors.js';
import { SaveConflictError, SlotNotFoundError, StorageError, type ExpectedVersion, type FoundVersion } from '../store-errors.js';
import type { CommitRequest, SlotInfo, SlotMeta, SlotRecord, StoredSave } from './types.js';

/** Slot names: 1 to 64 of letters, digits, space, '_', '.', '-', starting with a letter or digit. */
const SLOT_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;
export const DEFAULT_HISTORY = 3;
export const MAX_HISTORY = 100;

export function checkSlotName(slot: unknown): asserts slot is string {
  if (typeof slot !== 'string' || !SLOT_NAME.test(slot)) {
    throw new InvalidArgumentError(
      `slot name ${JSON.stringify(slot)}: use 1 to 64 letters, digits, spaces, '_', '.' or '-', starting with a letter or digit`,
    );
  }
}

export function checkHistory(history: unknown): number {
  if (history === undefined) return DEFAULT_HISTORY;
  if (typeof history !== 'number' || !Number.isInteger(history) || history < 1 || history > MAX_HISTORY) {
    throw new InvalidArgumentError(`history must be a whole number from 1 to ${MAX_HISTORY}, got ${String(history)}`);
  }
  return history;
}

export function checkExpected(expected: unknown): asserts expected is ExpectedVersion {
  if (expected === 'absent' || expected === 'any') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 1) return;
  throw new InvalidArgumentError(`expectedVersion must be a version (>= 1), 'absent' or 'any', got ${String(expected)}`);
}

/** The slot's current version as a conflict reports it. */
export function foundVersion(record: SlotRecord | undefined): FoundVersion {
  return record === undefined || record.saves.length === 0 ? 'absent' : record.version;
}

function matches(expected: ExpectedVersion, found: FoundVersion): boolean {
  return expected === 'any' || expected === found;
}

export interface SaveOutcome {
  record: SlotRecord;
  save: StoredSave;
  /** Versions of stored saves that fell out of the history: delete their data in the same step. */
  dropped: number[];
}

/** The record after a save, or SaveConflictError when the slot is not at the expected version. */
export function applySave(prev: SlotRecord | undefined, request: CommitRequest): SaveOutcome {
  const found = foundVersion(prev);
  if (!matches(request.expected, found)) throw new SaveConflictError(request.slot, request.expected, found);
  const version = (prev?.version ?? 0) + 1;
  const save: StoredSave = { version, ...request.draft };
  const saves = [save, ...(prev?.saves ?? [])];
  const kept = saves.slice(0, request.history);
  const dropped = saves.slice(request.history).map((s) => s.version);
  return { record: { format: 1, slot: request.slot, version, saves: kept }, save, dropped };
}

export interface DeleteOutcome {
  record: SlotRecord;
  dropped: number[];
}

/** The tombstone after a delete: no saves, a new version (so an old expectation can never match again). */
export function applyDelete(prev: SlotRecord | undefined, slot: string, expected: ExpectedVersion): DeleteOutcome {
  const found = foundVersion(prev);
  if (prev === undefined || found === 'absent') throw new SlotNotFoundError(slot);
  if (!matches(expected, found)) throw new SaveConflictError(slot, expected, found);
  return { record: { format: 1, slot, version: prev.version + 1, saves: [] }, dropped: prev.saves.map((s) => s.version) };
}

/** The stored save of this version (default: the latest), or SlotNotFoundError. */
export function pickSave(record: SlotRecord | undefined, slot: string, version?: number): StoredSave {
  const saves = record?.saves ?? [];
  const save = version === undefined ? saves[0] : saves.find((s) => s.version === version);
  if (save === undefined) throw new SlotNotFoundError(slot, version);
  return save;
}

export function toInfo(slot: string, save: StoredSave): SlotInfo {
  return {
    slot,
    version: save.version,
    savedAt: save.savedAt,
    frame: BigInt(save.frame),
    storedBytes: save.storedBytes,
    snapshotBytes: save.snapshotBytes,
    meta: save.meta,
  };
}

/** Checks a meta object: JSON values only, at most 64 KiB as JSON. Returns a deep copy. */
export function checkMeta(meta: unknown): SlotMeta {
  if (meta === undefined) return {};
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) {
    throw new InvalidArgumentError('meta must be a plain object of JSON values');
  }
  let text: string;
  try {
    text = JSON.stringify(meta);
  } catch (err) {
    throw new InvalidArgumentError(`meta is not JSON: ${(err as Error).message}`);
  }
  if (text.length > 65536) throw new InvalidArgumentError(`meta is ${text.length} characters as JSON; the limit is 65,536`);
  const copy: unknown = JSON.parse(text);
  // JSON.stringify silently drops or rewrites what JSON cannot hold; refuse instead of storing something else.
  if (!sameJson(meta, copy)) throw new InvalidArgumentError('meta holds values JSON cannot keep (undefined, functions, NaN, bigint, class instances)');
  return copy as SlotMeta;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === null || typeof a !== 'object') return Object.is(a, b) && (typeof a !== 'number' || Number.isFinite(a));
  if (b === null || typeof b !== 'object') return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (Object.getPrototypeOf(a) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const ob = b as Record<string, unknown>;
  return ka.length === Object.keys(ob).length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], ob[k]));
}

/** A record read back from storage, checked field by field: storage can be edited or damaged behind our back. */
export function parseRecord(value: unknown, slot: string): SlotRecord {
  const bad = (why: string): never => {
    throw new StorageError(`slot "${slot}": its stored index record is damaged (${why})`);
  };
  if (value === null || typeof value !== 'object') return bad('not an object');
  const r = value as Partial<SlotRecord>;
  if (r.format !== 1) return bad(`format ${String(r.format)}`);
  if (r.slot !== slot) return bad(`it names slot ${JSON.stringify(r.slot)}`);
  if (!isVersion(r.version)) return bad('version');
  if (!Array.isArray(r.saves)) return bad('saves');
  let previous = r.version + 1;
  for (const s of r.saves as unknown[]) {
    if (s === null || typeof s !== 'object') return bad('a save is not an object');
    const save = s as Partial<StoredSave>;
    if (!isVersion(save.version) || save.version >= previous) return bad('save versions out of order');
    previous = save.version;
    if (typeof save.savedAt !== 'number' || typeof save.frame !== 'string' || !/^\d{1,20}$/.test(save.frame)) return bad('save fields');
    if (!isSize(save.storedBytes) || !isSize(save.snapshotBytes)) return bad('save sizes');
    if (save.encoding !== 'gzip' && save.encoding !== 'none') return bad(`encoding ${String(save.encoding)}`);
    if (save.meta === null || typeof save.meta !== 'object' || Array.isArray(save.meta)) return bad('meta');
  }
  if (r.saves.length > 0 && (r.saves[0] as StoredSave).version !== r.version) return bad('latest save is not the slot version');
  return r as SlotRecord;
}

function isVersion(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
}

function isSize(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
