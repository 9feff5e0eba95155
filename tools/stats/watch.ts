// --watch: follow an input and show each new report as it arrives.
//   - A file of stats lines is followed as it grows: complete lines only (a line being written is
//     read once its newline is there); a file that shrinks or is replaced is read again from the start.
//   - A JSON document or a .clawsnap is read again whole when it changes, once it has stayed the same
//     for one poll (so a file being rewritten is not read half-written).
//   - A pipe (stdin, "-") is read as lines arrive, until it closes.
// A malformed report is reported on stderr and the watch goes on; the exit status is then 2.
import { open, stat } from 'node:fs/promises';

import type { Scratch } from '../snap/scratch.js';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from './errors.js';
import { lineText, readBytes, readFailure, reportsIn, sourceName, STDIN } from './input.js';
import type { Output } from './output.js';
import { looksLikeDocument, reportOnLine, type FoundReport } from './parse.js';
import { isSnapshot } from './snapshot.js';

export interface WatchOptions {
  path: string;
  all: boolean;
  /** Every new report is shown (JSON Lines); a table shows the newest of each batch. */
  everyReport: boolean;
  intervalMs: number;
}

/** Splits bytes into lines at '\n' (bytes, so that a UTF-8 character split across reads stays whole). */
class LineBuffer {
  private pending = Buffer.alloc(0);
  line = 0;

  push(chunk: Uint8Array): Buffer[] {
    const data = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const lines: Buffer[] = [];
    let start = 0;
    for (let nl = data.indexOf(0x0a); nl !== -1; nl = data.indexOf(0x0a, start)) {
      lines.push(data.subarray(start, nl));
      start = nl + 1;
    }
    this.pending = Buffer.from(data.subarray(start));
    return lines;
  }

  rest(): Buffer {
    const r = this.pending;
    this.pending = Buffer.alloc(0);
    return r;
  }

  /** The unterminated last line when it is a whole JSON value already (a file that ends without '\n'). */
  finishedRest(): Buffer | null {
    return this.pending.length > 0 && parses(this.pending.toString('utf8')) ? this.rest() : null;
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

class Watcher {
  private failed = false;
  private seen = 0;

  constructor(private readonly opts: WatchOptions, private readonly out: Output, private readonly scratch: Scratch) {}

  get status(): number {
    return this.failed ? EXIT_BAD_INPUT : EXIT_OK;
  }

  problem(err: unknown): void {
    if (!(err instanceof InputError)) throw err;
    this.failed = true;
    process.stderr.write(`claw-stats: ${err.describe()}\n`);
  }

  /** Shows a batch: at the start (or a whole re-read) the newest, or all with --all; later every one or the newest. */
  show(found: FoundReport[], initial: boolean): void {
    if (found.length === 0) return;
    this.seen += found.length;
    const every = initial ? this.opts.all : this.opts.everyReport;
    for (const f of every ? found : found.slice(-1)) this.out.show(f);
  }

  /** The reports on complete lines, each malformed one reported. */
  lines(buffer: LineBuffer, chunks: Buffer[], source: string): FoundReport[] {
    const found: FoundReport[] = [];
    for (const bytes of chunks) {
      buffer.line++;
      try {
        const text = lineText(bytes, source, buffer.line);
        const r = text === null ? null : reportOnLine(text, source, buffer.line);
        if (r !== null) found.push(r);
      } catch (err) {
        this.problem(err);
      }
    }
    return found;
  }

  async whole(bytes: Uint8Array, source: string): Promise<void> {
    try {
      this.show(await reportsIn(bytes, source, this.scratch), true);
    } catch (err) {
      this.problem(err);
    }
  }

  get reportsSeen(): number {
    return this.seen;
  }
}

type Mode = 'unknown' | 'lines' | 'whole';

async function followFile(w: Watcher, opts: WatchOptions, stopped: () => boolean, sleep: () => Promise<void>): Promise<void> {
  const path = opts.path;
  let mode: Mode = 'unknown';
  let offset = 0;
  let inode = -1;
  let buffer = new LineBuffer();
  let changed: string | null = null; // whole mode: the signature seen last poll
  let shown: string | null = null; // whole mode: the signature already read
  let waiting = false;
  let initial = true;
  let last: string | null = null; // the signature of the previous poll
  while (!stopped()) {
    let size: number;
    let sig: string;
    try {
      const s = await stat(path);
      if (s.isDirectory()) throw new InputError('cannot read it: is a directory', path);
      size = s.size;
      sig = `${s.ino}:${s.size}:${s.mtimeMs}`;
      if (s.ino !== inode || size < offset) {
        [inode, mode, offset, buffer, changed, shown, initial] = [s.ino, 'unknown', 0, new LineBuffer(), null, null, true];
      }
      waiting = false;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err instanceof InputError ? err : readFailure(path, err);
      if (!waiting) process.stderr.write(`claw-stats: waiting for ${path} to appear\n`);
      waiting = true;
      inode = -1;
      await sleep();
      continue;
    }
    // Unchanged since the last poll: a last line without '\n' that is whole JSON is read now.
    const settled = sig === last;
    last = sig;
    if (mode === 'unknown' && size > 0) mode = classify(await readRange(path, 0, Math.min(size, 64 * 1024)), settled);
    if (mode === 'lines' && (size > offset || settled)) {
      const fresh = size > offset ? await readRange(path, offset, size) : new Uint8Array(0);
      offset += fresh.length;
      const complete = buffer.push(fresh);
      const finished = settled ? buffer.finishedRest() : null;
      w.show(w.lines(buffer, finished === null ? complete : [...complete, finished], path), initial);
      initial = false;
    } else if (mode === 'whole' && sig !== shown) {
      // Read once the file has stayed the same for a poll: a writer may be half-way through it.
      if (sig === changed) {
        shown = sig;
        await w.whole(await readBytes(path), path);
      }
      changed = sig;
    }
    await sleep();
  }
}

/**
 * How to follow an input, from its first bytes: 'unknown' until its first non-blank line is complete
 * (a line being written may look like anything), or is whole JSON in an input that stopped growing.
 */
function classify(head: Uint8Array, settled: boolean): Mode {
  if (isSnapshot(head)) return 'whole';
  const lines = Buffer.from(head).toString('utf8').split('\n');
  const k = lines.findIndex((l) => l.trim() !== '');
  if (k === -1) return 'unknown';
  if (k === lines.length - 1 && !(settled && parses(lines[k]!))) return 'unknown';
  return looksLikeDocument(lines[k]!) ? 'whole' : 'lines';
}

async function readRange(path: string, from: number, to: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.alloc(to - from);
    const { bytesRead } = await file.read(buf, 0, buf.length, from);
    return buf.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** stdin: lines as they arrive; a snapshot or a JSON document is read whole when the pipe closes. */
async function followPipe(w: Watcher): Promise<void> {
  const source = sourceName(STDIN);
  const buffer = new LineBuffer();
  let mode: Mode = 'unknown';
  const held: Buffer[] = [];
  let received = 0;
  for await (const chunk of process.stdin) {
    const bytes = chunk as Buffer;
    received += bytes.length;
    if (mode === 'unknown') {
      held.push(bytes);
      mode = classify(Buffer.concat(held), false);
      if (mode !== 'lines') continue;
      w.show(w.lines(buffer, buffer.push(Buffer.concat(held.splice(0))), source), false);
    } else if (mode === 'lines') {
      w.show(w.lines(buffer, buffer.push(bytes), source), false);
    } else {
      held.push(bytes);
    }
  }
  if (mode === 'unknown') mode = classify(Buffer.concat(held), true);
  if (mode === 'whole') {
    await w.whole(Buffer.concat(held), source);
    return;
  }
  // The last line needs no newline once the pipe has closed.
  const complete = buffer.push(Buffer.concat(held));
  const rest = buffer.rest();
  w.show(w.lines(buffer, rest.length > 0 ? [...complete, rest] : complete, source), false);
  if (w.reportsSeen === 0) {
    w.problem(new InputError(received === 0 ? 'empty input: no report' : 'no report: no line starts with {"format":"claw-stats"', source));
  }
}

/** Follows the input until it ends (a pipe) or the process is interrupted (a file); the exit status. */
export async function watch(opts: WatchOptions, out: Output, scratch: Scratch): Promise<number> {
  const w = new Watcher(opts, out, scratch);
  if (opts.path === STDIN) {
    await followPipe(w);
    return w.status;
  }
  let stop = false;
  let wake: (() => void) | null = null;
  const onSignal = () => {
    stop = true;
    wake?.();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const sleep = () => new Promise<void>((done) => {
    const timer = setTimeout(() => {
      wake = null;
      done();
    }, opts.intervalMs);
    wake = () => {
      clearTimeout(timer);
      done();
    };
  });
  try {
    await followFile(w, opts, () => stop, sleep);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return w.status;
}
