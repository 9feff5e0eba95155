// The same decoders in wasm and natively: the native fixture program (build/native/oc-format-fixtures,
// built from tests/native/support/format_fixtures.cpp) writes every fixture with its natively decoded
// RGBA and status; the wasm core must give identical RGBA bytes for each PID and the same status for
// each damaged one, and read every other fixture (PAL, ANI, WWD, REZ) as the native readers did.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Formats } from '../../../../engine/streaming/formats/formats.js';
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
  status: string;
}

const dir = fixturePath('format-parity');
let manifest: ManifestEntry[] = [];
let formats: Formats;

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  runNative('oc-format-fixtures', [dir]);
  manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
  formats = await Formats.load();
});
afterAll(() => formats?.dispose());

const read = (file: string): Uint8Array => new Uint8Array(readFileSync(join(dir, file)));

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
});
