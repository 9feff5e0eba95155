// The player's CLAW.REZ kept in this browser, only with their consent: the File itself (IndexedDB
// stores Blobs by reference to a file of the browser's, not as one big value in memory) under one key
// of a database of its own, apart from the saves. Nothing of it leaves the browser.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

export interface KeptArchive {
  blob: Blob;
  name: string;
  size: number;
  /** ms since the epoch */
  keptAt: number;
}

const KEY = 'claw-rez';
let db: UseStore | undefined;

function store(): UseStore {
  db ??= createStore('openclaw-archives', 'archives');
  return db;
}

/** The kept archive, or null when there is none (or IndexedDB is unusable: a private window). */
export async function keptArchive(): Promise<KeptArchive | null> {
  try {
    const v = await get<unknown>(KEY, store());
    return isKept(v) ? v : null;
  } catch {
    return null;
  }
}

/** Keeps the archive for the next visit; rejects with the platform's error (QuotaExceededError...). */
export async function keepArchive(blob: Blob, name: string): Promise<void> {
  const record: KeptArchive = { blob, name, size: blob.size, keptAt: Date.now() };
  await set(KEY, record, store());
}

export async function forgetArchive(): Promise<void> {
  await del(KEY, store());
}

function isKept(v: unknown): v is KeptArchive {
  if (v === null || typeof v !== 'object') return false;
  const r = v as Partial<KeptArchive>;
  return r.blob instanceof Blob && typeof r.name === 'string' && typeof r.size === 'number' && typeof r.keptAt === 'number';
}
