// The streaming stress set: deterministic bytes, valid PIDs that decode alone (embedded palette) to
// 256x256 RGBA, both encodings, 64 MiB decoded, and a command line that writes the set and its manifest.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { Formats } from '../../../engine/index.js';
import { main } from '../../../tools/assets/stress/main.js';
import {
  STRESS_COUNT, STRESS_DECODED_BYTES, STRESS_MANIFEST, STRESS_SIDE, stressIndices, stressPalette, stressPid,
  type StressManifest,
} from '../../../tools/assets/stress/stress-set.js';

let formats: Formats;
const dirs: string[] = [];
beforeAll(async () => {
  formats = await Formats.load();
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('stress set', () => {
  it('is 64 MiB of decoded RGBA', () => {
    expect(STRESS_COUNT * STRESS_DECODED_BYTES).toBe(64 * 1024 * 1024);
  });

  it('gives the same bytes every time, and different files for different numbers', () => {
    expect(sha(stressPid(formats, 3))).toBe(sha(stressPid(formats, 3)));
    expect(sha(stressPid(formats, 3))).not.toBe(sha(stressPid(formats, 4)));
  });

  it('decodes with the embedded palette to exactly the generated pixels, in both encodings', () => {
    for (const n of [0, 1, 254, 255]) {
      const pid = stressPid(formats, n);
      const image = formats.decodePid(pid);
      expect(image.width).toBe(STRESS_SIDE);
      expect(image.height).toBe(STRESS_SIDE);
      expect(image.flags & 0x80).toBe(0x80);
      expect(image.flags & 0x20).toBe(n % 2 === 0 ? 0x20 : 0);
      expect(image.rgba.length).toBe(STRESS_DECODED_BYTES);
      const indices = stressIndices(n);
      const pal = stressPalette(n);
      for (const p of [0, 1, 4097, 32896, 65535]) {
        const i = indices[p]!;
        const px = Array.from(image.rgba.subarray(p * 4, p * 4 + 4));
        expect(px).toEqual(i === 0 ? [0, 0, 0, 0] : [pal[i * 3], pal[i * 3 + 1], pal[i * 3 + 2], 255]);
      }
      // The disc in the middle is transparent, the corner is not.
      expect(indices[128 * STRESS_SIDE + 128]).toBe(0);
      expect(indices[0]).not.toBe(0);
    }
  });

  it('the command line writes the PIDs and a manifest that lists them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oc-stress-'));
    dirs.push(dir);
    const out = join(dir, 'stress');
    expect(await main(['--out', out, '--count', '5', '--quiet'], { loadFormats: async () => formats })).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, STRESS_MANIFEST), 'utf8')) as StressManifest;
    expect(manifest.files.map((f) => f.name)).toEqual(['000.PID', '001.PID', '002.PID', '003.PID', '004.PID']);
    expect(manifest.decodedBytes).toBe(5 * STRESS_DECODED_BYTES);
    for (const f of manifest.files) expect(readFileSync(join(out, f.name)).length).toBe(f.bytes);
    expect(readdirSync(dir)).toEqual(['stress']); // no staging folder left behind
    expect(sha(readFileSync(join(out, '002.PID')))).toBe(sha(stressPid(formats, 2)));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['--count', '0'])).toBe(2);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/--count takes a whole number/);
    stderr.mockRestore();
  });
});
