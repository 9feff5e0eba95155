// A snapshot file decoded the only way the tool trusts: restored into a scratch engine of its region
// size (which verifies every checksum and runs every allocator's check()), then read back as the
// region image plus a model of who owns each byte.
import type { SnapshotInfo } from '@openclaw/memory-sdk';

import { explain } from './diagnose.js';
import { InvalidInputError, UsageError } from '../shared/errors.js';
import { buildModel, type RegionModel } from './model.js';
import type { Progress } from './progress.js';
import type { Scratch } from './scratch.js';

export interface Loaded {
  /** The file name, as given on the command line. */
  name: string;
  bytes: Uint8Array;
  info: SnapshotInfo;
}

export interface Decoded extends Loaded {
  /** The region image: regionSize bytes. */
  image: Uint8Array;
  model: RegionModel;
}

/** The header and chunk table (bounds-checked by the core), or the typed error why not. */
export async function inspectFile(scratch: Scratch, name: string, bytes: Uint8Array): Promise<Loaded> {
  const engine = await scratch.any();
  try {
    return { name, bytes, info: engine.inspectSnapshot(bytes) };
  } catch (err) {
    throw await explain(err, engine, bytes, () => scratch.layoutId());
  }
}

/** engine.verifySnapshot(): header, versions, table, bounds and every checksum; no region needed. */
export async function verifyChecksums(scratch: Scratch, { name, bytes }: Loaded, progress: Progress): Promise<void> {
  const engine = await scratch.any();
  progress.step(`verifying the checksums of ${name}`, bytes.length);
  try {
    engine.verifySnapshot(bytes);
  } catch (err) {
    throw await explain(err, engine, bytes, () => scratch.layoutId());
  }
}

/**
 * Restores the snapshot into a scratch engine and reads the image back. A delta needs its base
 * (the full snapshot it was made against); without one this is a usage error. An unsealed snapshot
 * is sealed first (on a copy): what is decoded is then exactly what its capture held.
 */
export async function decodeFile(
  scratch: Scratch, loaded: Loaded, base: Loaded | undefined, progress: Progress,
): Promise<Decoded> {
  const { name, bytes, info } = loaded;
  if (info.delta && base === undefined) {
    throw new UsageError(`${name} is a delta snapshot: give the full snapshot it was made against with --base FILE`);
  }
  // An unsealed capture (checksums left to a persist worker) is decoded from a sealed copy.
  let sealed = loaded;
  if (!info.sealed) {
    const engine = await scratch.any();
    try {
      sealed = { ...loaded, bytes: engine.sealSnapshot(bytes) };
    } catch (err) {
      throw await explain(err, engine, bytes, () => scratch.layoutId());
    }
  }
  // Checksums first: a damaged header must not make the tool reserve a region of the size it claims.
  await verifyChecksums(scratch, sealed, progress);
  progress.step(`restoring ${name} into a scratch engine`, info.regionSize);
  const engine = await scratch.engine(info.regionSize);
  try {
    engine.restore(sealed.bytes, base === undefined || !info.delta ? {} : { base: base.bytes });
    // restore() checked the allocators of the staged image; check the live one too, so a core
    // that copied wrongly cannot pass.
    engine.check();
  } catch (err) {
    const explained = await explain(err, engine, sealed.bytes, () => scratch.layoutId());
    if (info.delta && explained.errorName === 'BaseMismatchError') {
      throw new InvalidInputError(explained.errorName, `${base?.name ?? 'the base'} is not the snapshot ${name} was made against (${explained.message})`);
    }
    throw explained;
  }
  progress.step(`reading the image of ${name}`, info.regionSize);
  const image = engine.regions.state.bytes().slice();
  // A delta's chunk table has no allocator chunks; a full capture of the same image has them.
  const chunks = info.delta ? engine.inspectSnapshot(engine.capture({ seal: false })).chunks : info.chunks;
  return { ...loaded, image, model: buildModel(engine, image, chunks) };
}
