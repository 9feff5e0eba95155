// A report embedded in a .clawsnap (the optional last 'TRAK' chunk, docs/snapshot.md). The file is
// read the way claw-snap reads snapshots: through the wasm core of a scratch engine, which checks the
// header, the versions, the layout id, the bounds and every checksum (TRAK's included) before the
// tool looks at the chunk's bytes.
import { InvalidInputError } from '../shared/errors.js';
import { inspectFile, verifyChecksums } from '../snap/image.js';
import { Progress } from '../snap/progress.js';
import type { Scratch } from '../snap/scratch.js';
import { InputError } from './errors.js';
import { parseReport, type FoundReport } from './parse.js';

const MAGIC = [0x4f, 0x43, 0x53, 0x4e]; // "OCSN": SnapshotHeader.magic, little-endian

/** Whether the bytes start like a snapshot (then the core decides whether they are one). */
export function isSnapshot(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** The report a verified snapshot carries. Throws InputError (the core's typed error, or no report). */
export async function reportInSnapshot(bytes: Uint8Array, source: string, scratch: Scratch): Promise<FoundReport> {
  let chunk: { offset: number; size: number } | undefined;
  try {
    const loaded = await inspectFile(scratch, source, bytes);
    await verifyChecksums(scratch, loaded, new Progress());
    chunk = loaded.info.chunks.find((c) => c.kind === 'TRAK');
    if (chunk === undefined) {
      throw new InputError(loaded.info.delta
        ? 'a delta snapshot carries no report (only full snapshots have a TRAK chunk)'
        : 'the snapshot carries no report (no TRAK chunk): capture it with engine.snapshot({ report: true }) ' +
          'or oc-snap run --track full --save', source);
    }
  } catch (err) {
    if (err instanceof InvalidInputError) throw new InputError(err.describe(), source);
    throw err;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(chunk.offset, chunk.offset + chunk.size));
  } catch {
    throw new InputError('the TRAK chunk is not UTF-8 text', source);
  }
  const where = `${source} (TRAK chunk)`;
  return { report: parseReport(text, where), where };
}
