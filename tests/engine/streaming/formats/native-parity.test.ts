// The same decoders in wasm and natively: the native fixture program (build/native/oc-format-fixtures,
// built from tests/native/support/format_fixtures{,_main}.cpp and format_json.cpp) writes every fixture
// with its natively decoded RGBA, its status and the record the native readers parse, dumped straight
// from the C++ structs. The wasm core must give identical RGBA bytes for each PID, the same status for
// each damaged one, and records equal field by field to the native ones for every fixture: PidInfo,
// Palette, Ani, WwdLevel and every REZ entry, so a word-order slip in the ABI rows cannot pass.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Formats } from '../../../../engine/streaming/formats/formats.js';
import type { RezArchive, RezEntry } from '../../../../engine/streaming/formats/rez-archive.js';
import { FormatError } from '../../../../engine/streaming/formats/errors.js';
import { sourceFromBytes } from '../../../../engine/streaming/formats/sources.js';
import { statusName } from '../../../../engine/memory/status.js';
import { fixturePath, runNative } from '../../support/native.js';

interface ManifestEntry {
  name: string;
  kind: 'pal' | 'pid' | 'ani' | 'wwd' | 'rez';
  file: string;
  palette: string | null;
  rgba: string | null;
  /** The native readers' record (format_json.h), null when they refused the file. */
  record: string | null;
  status: string;
}

// Per process: the lead's full run and a helper's focused run may overlap, and beforeAll empties it.
const dir = fixturePath(`format-parity-${process.pid}`);
let manifest: ManifestEntry[] = [];
let formats: Formats;

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  runNative('oc-format-fixtures', [dir]);
  manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
  formats = await Formats.load();
});
afterAll(() => {
  formats?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const read = (file: string): Uint8Array => new Uint8Array(readFileSync(join(dir, file)));
const readRecord = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** Every entry of an archive, the root excluded, breadth first and each directory in archive order:
 *  the native index's entry order (rez_tree.h builds the tree breadth first). */
function allEntries(archive: RezArchive): RezEntry[] {
  const out: RezEntry[] = [];
  const dirs = ['/'];
  for (let d = 0; d < dirs.length; d++) {
    for (const e of archive.list(dirs[d]!)) {
      out.push(e);
      if (e.isDirectory) dirs.push(e.path);
    }
  }
  return out;
}

/** The wasm record of a non-PID fixture, in the shape of the native dump. The normalisations where the
 *  shapes differ: a Palette's two tables are hex strings natively; a plane's tiles are an Int32Array in
 *  TS and a plain array natively; a REZ archive is its header words plus every entry (RezArchive has no
 *  one call for that). */
async function wasmRecord(m: ManifestEntry, bytes: Uint8Array): Promise<unknown> {
  if (m.kind === 'pal') {
    const p = formats.readPalette(bytes);
    return { rgb: hex(p.rgb), rgba: hex(p.rgba) };
  }
  if (m.kind === 'ani') return formats.readAni(bytes);
  if (m.kind === 'wwd') {
    const level = await formats.readWwd(bytes);
    return { ...level, planes: level.planes.map((p) => ({ ...p, tiles: Array.from(p.tiles) })) };
  }
  const archive = await formats.openRez(sourceFromBytes(bytes, m.name));
  try {
    return {
      version: archive.version, dirOffset: archive.dirOffset, dirSize: archive.dirSize,
      entryCount: archive.entryCount, entries: allEntries(archive),
    };
  } finally {
    archive.close();
  }
}

/** The status name of what the wasm side did: "Ok", or the typed error's status. */
async function wasmStatus(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'Ok';
  } catch (err) {
    if (err instanceof FormatError) return statusName(err.status);
    throw err;
  }
}

describe('wasm and native decoders agree on every fixture', () => {
  it('covers both PID encodings, embedded palettes and damaged files', () => {
    const pids = manifest.filter((m) => m.kind === 'pid');
    expect(pids.length).toBeGreaterThanOrEqual(10);
    expect(pids.some((m) => m.palette === null && m.rgba !== null)).toBe(true); // embedded palette
    expect(pids.some((m) => m.status !== 'Ok')).toBe(true);
    for (const kind of ['pal', 'ani', 'wwd', 'rez']) expect(manifest.some((m) => m.kind === kind)).toBe(true);
  });

  it('gives identical RGBA bytes for every PID, and the same status for each damaged one', async () => {
    let compared = 0;
    for (const m of manifest.filter((e) => e.kind === 'pid')) {
      const pid = read(m.file);
      const palette = m.palette === null ? null : formats.readPalette(read(m.palette));
      let rgba: Uint8Array | null = null;
      const status = await wasmStatus(() => { rgba = formats.decodePid(pid, palette).rgba; });
      expect(status, m.name).toBe(m.status);
      if (m.rgba !== null) {
        const native = read(m.rgba);
        expect(rgba, m.name).not.toBeNull();
        // Buffer.compare is one memcmp; toEqual on a 100k-element array would take seconds.
        expect(Buffer.compare(Buffer.from(rgba!), Buffer.from(native)), m.name).toBe(0);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(8);
  });

  it('reads every PAL, ANI, WWD and REZ fixture the native readers accepted', async () => {
    for (const m of manifest.filter((e) => e.kind !== 'pid')) {
      const bytes = read(m.file);
      const status = await wasmStatus(async () => {
        if (m.kind === 'pal') formats.readPalette(bytes);
        else if (m.kind === 'ani') formats.readAni(bytes);
        else if (m.kind === 'wwd') await formats.readWwd(bytes);
        else {
          const archive = await formats.openRez(sourceFromBytes(bytes, m.name));
          try {
            for (const f of archive.files()) expect((await archive.read(f.path)).length).toBe(f.size);
          } finally {
            archive.close();
          }
        }
      });
      expect(status, m.name).toBe(m.status);
    }
  });

  it('parses the same PidInfo as the native reader for every PID, damaged ones included', async () => {
    let compared = 0;
    for (const m of manifest.filter((e) => e.kind === 'pid')) {
      const pid = read(m.file);
      if (m.record === null) {
        // The native header parse refused it: so must the wasm one, with the decode's status.
        expect(await wasmStatus(() => formats.pidInfo(pid)), m.name).toBe(m.status);
        continue;
      }
      expect(formats.pidInfo(pid), m.name).toEqual(readRecord(m.record));
      compared++;
    }
    // The damaged streams and most valid PIDs parse; only a header that cannot be laid out does not.
    expect(compared).toBeGreaterThanOrEqual(20);
  });

  it('builds records equal to the native ones for every PAL, ANI, WWD and REZ fixture', async () => {
    const others = manifest.filter((e) => e.kind !== 'pid');
    for (const m of others) {
      expect(m.record, m.name).not.toBeNull();
      expect(await wasmRecord(m, read(m.file)), m.name).toEqual(readRecord(m.record!));
    }
    // The dumps are not trivially empty: the richest fixtures carry what a word-order slip would move.
    const record = (name: string): unknown => readRecord(`${name}.json`);
    expect(record('ani-events')).toMatchObject({ signature: 0x20, frames: { length: 5 } });
    expect(record('wwd-three-planes')).toMatchObject({
      planes: [{ name: 'Background' }, { name: 'Action', objects: { length: 4 } }, { name: 'Front' }],
      tileDescriptions: { length: 6 },
    });
    expect(record('rez-nested')).toMatchObject({ entryCount: 23 });
  });
});
