// A REZ archive opened lazily: the header (the first 139 bytes), then each directory block the core's
// tree builder names, and nothing else; the index lives in the core. Reading a file fetches exactly its
// byte range from the source, so a 120 MB archive behind a URL or a File costs its directory to open.
import { InvalidArgumentError } from '../../memory/errors.js';
import {
  REZ_HEADER_WORDS as HEADER_WORDS, REZ_NONE as NONE, REZ_ROOT as ROOT, REZ_STAT_WORDS as STAT_WORDS,
} from '../../wasm/exports.js';
import { FormatCore, latin1, latin1Bytes } from './core.js';
import { EntryNotFoundError, formatError, NotADirectoryError, NotAFileError } from './errors.js';
import type { ByteSource } from './sources.js';

const REZ_HEAD_BYTES = 139;

/** One file or directory of an archive. */
export interface RezEntry {
  /** The full path, "/LEVEL1/TILES/001.PID" ("/" for the root), spelled as in the archive. */
  path: string;
  /** The last component ("001.PID"; "" for the root). */
  name: string;
  isDirectory: boolean;
  /** A file's data (a directory's block) in the archive. */
  offset: number;
  size: number;
  dateTime: number;
  fileId: number;
  /** Entries in a directory (0 for a file). */
  childCount: number;
}

interface Stat { entry: RezEntry; firstChild: number }

/** An open archive. Lookups ignore ASCII case and accept '\' as a separator. Call close() when done. */
export class RezArchive {
  private closed = false;

  /** @internal use Formats.openRez(). */
  constructor(
    private readonly core: FormatCore,
    private readonly id: number,
    readonly source: ByteSource,
    readonly version: number,
    readonly dirOffset: number,
    readonly dirSize: number,
    /** Entries of the archive, the root excluded. */
    readonly entryCount: number,
  ) {}

  has(path: string): boolean {
    return this.find(path) !== NONE;
  }

  /** The entry at `path` (EntryNotFoundError when none). */
  stat(path: string): RezEntry {
    return this.statPath(path).entry;
  }

  /** The entries of a directory ("/" by default), in archive order (NotADirectoryError for a file). */
  list(dir = '/'): RezEntry[] {
    const { entry, firstChild } = this.statPath(dir);
    if (!entry.isDirectory) throw new NotADirectoryError(dir);
    const out: RezEntry[] = [];
    for (let i = 0; i < entry.childCount; i++) out.push(this.statId(firstChild + i).entry);
    return out;
  }

  /** Every file of the archive, breadth first. */
  *files(): IterableIterator<RezEntry> {
    this.checkOpen();
    const queue: number[] = [ROOT];
    for (let q = 0; q < queue.length; q++) {
      const dir = this.statId(queue[q]!);
      for (let i = 0; i < dir.entry.childCount; i++) {
        const child = this.statId(dir.firstChild + i);
        if (child.entry.isDirectory) queue.push(dir.firstChild + i);
        else yield child.entry;
      }
    }
  }

  /** The bytes of the file at `path`: exactly its range of the source (NotAFileError for a directory). */
  async read(path: string, options?: { signal?: AbortSignal }): Promise<Uint8Array> {
    const { entry } = this.statPath(path);
    if (entry.isDirectory) throw new NotAFileError(path);
    return this.source.read(entry.offset, entry.size, options);
  }

  /** Frees the index in the core; later calls throw. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.core.abi.oc_rez_close(this.id);
  }

  // After close() the core hands the id to the next archive opened: every use checks first.
  private checkOpen(): void {
    if (this.closed) throw new InvalidArgumentError('the archive was closed');
  }

  private find(path: string): number {
    this.checkOpen();
    this.core.check();
    const bytes = latin1Bytes(path);
    if (bytes === null) return NONE;
    const ptr = this.core.auxIn(bytes);
    const entry = this.core.abi.oc_rez_find(this.id, ptr, bytes.length) >>> 0;
    this.core.ok(this.core.lastStatus(), 'rez', 'looking up', path);
    return entry;
  }

  private statPath(path: string): Stat {
    const id = this.find(path);
    if (id === NONE) throw new EntryNotFoundError(path);
    return this.statId(id);
  }

  private statId(id: number): Stat {
    this.checkOpen();
    const core = this.core;
    const out = core.aux.reserve(STAT_WORDS * 4);
    core.ok(core.abi.oc_rez_stat(this.id, id, out), 'rez', `stat of entry ${id}`);
    const w = core.words(out, STAT_WORDS);
    const path = this.path(id);
    return {
      entry: {
        path, name: path.slice(path.lastIndexOf('/') + 1), isDirectory: w[1]! !== 0, offset: w[2]!, size: w[3]!,
        dateTime: w[4]!, fileId: w[5]!, childCount: w[7]!,
      },
      firstChild: w[6]!,
    };
  }

  private path(id: number): string {
    const core = this.core;
    let max = 256;
    for (;;) {
      const ptr = core.aux.reserve(max);
      const length = core.abi.oc_rez_path(this.id, id, ptr, max) >>> 0;
      if (length <= max) return latin1(core.abi.heap.u8, ptr, length);
      max = length;
    }
  }
}

/** Opens `source`: its header, then each directory block the core asks for, then the index. */
export async function openRez(core: FormatCore, source: ByteSource, signal?: AbortSignal): Promise<RezArchive> {
  core.check();
  const abi = core.abi;
  const head = await source.read(0, Math.min(REZ_HEAD_BYTES, source.size), signal ? { signal } : undefined);
  const headPtr = core.copyIn(head);
  const size = source.size;
  const id = abi.oc_rez_open(headPtr, head.length, size >>> 0, Math.floor(size / 0x1_0000_0000)) >>> 0;
  if (id === 0) throw formatError(core.lastStatus(), 'rez', `opening ${source.name}`);
  try {
    let out = core.aux.reserve(HEADER_WORDS * 4);
    core.ok(abi.oc_rez_header(id, out), 'rez', `reading the header of ${source.name}`);
    const [version, dirOffset, dirSize] = core.words(out, HEADER_WORDS);
    for (;;) {
      out = core.aux.reserve(8);
      if (abi.oc_rez_next_block(id, out) !== 1) {
        core.ok(core.lastStatus(), 'rez', `reading the directory of ${source.name}`);
        break;
      }
      const [offset, length] = core.words(out, 2);
      const block = await source.read(offset!, length!, signal ? { signal } : undefined);
      core.check();
      const ptr = core.copyIn(block);
      core.ok(abi.oc_rez_add_block(id, ptr, block.length), 'rez', `reading the directory block at ${offset} of ${source.name}`);
    }
    core.ok(abi.oc_rez_finish(id), 'rez', `indexing ${source.name}`);
    const count = abi.oc_rez_count(id) >>> 0;
    return new RezArchive(core, id, source, version!, dirOffset!, dirSize!, count);
  } catch (err) {
    abi.oc_rez_close(id);
    throw err;
  }
}
