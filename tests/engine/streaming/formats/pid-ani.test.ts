// PAL, PID and ANI through the wasm core: encode -> decode round trips in both PID encodings, with a
// given and an embedded palette; ANI frames with events from a file made by hand (LEGACY-FORMATS.md);
// typed errors for damaged files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Formats } from '../../../../engine/streaming/formats/formats.js';
import {
  FormatError, MalformedFormatError, OversizedFormatError, TruncatedFormatError,
} from '../../../../engine/streaming/formats/errors.js';
import { InvalidArgumentError } from '../../../../engine/memory/errors.js';
import type { Palette } from '../../../../engine/streaming/formats/types.js';
import { createEngine } from '../../../../engine/memory/engine.js';

let formats: Formats;
beforeAll(async () => { formats = await Formats.load(); });
afterAll(() => formats.dispose());

const pal = new Uint8Array(768).map((_, i) => (i * 37 + 11) & 0xff);

function indicesOf(width: number, height: number, seed: number): Uint8Array {
  const out = new Uint8Array(width * height);
  let x = seed;
  for (let i = 0; i < out.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    // Runs of zeros (skips) and of repeated colours, and high indices (193..255, written as runs).
    out[i] = (x >>> 28) < 5 ? 0 : (x >>> 28) < 9 ? out[i - 1] ?? 1 : x >>> 24;
  }
  return out;
}

function expectedRgba(indices: Uint8Array, palette: Palette): Uint8Array {
  const out = new Uint8Array(indices.length * 4);
  indices.forEach((index, i) => out.set(palette.rgba.subarray(index * 4, index * 4 + 4), i * 4));
  return out;
}

describe('PAL', () => {
  it('reads the RGB table into RGBA with index 0 transparent', () => {
    const palette = formats.readPalette(pal);
    expect(palette.rgb).toEqual(pal);
    expect(palette.rgba.length).toBe(1024);
    expect([...palette.rgba.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect([...palette.rgba.subarray(4 * 5, 4 * 6)]).toEqual([pal[15], pal[16], pal[17], 255]);
    expect(() => formats.readPalette(pal.subarray(0, 700))).toThrow(TruncatedFormatError);
  });
});

describe('PID', () => {
  it.each([true, false])('round-trips indices through encodePid (compressed: %s)', (compressed) => {
    const palette = formats.readPalette(pal);
    const indices = indicesOf(37, 23, compressed ? 1 : 2);
    const pid = formats.encodePid({ width: 37, height: 23, indices, compressed, offsetX: -5, offsetY: 9, fileDesc: 3, flags: 0x01 });
    const info = formats.pidInfo(pid);
    expect(info).toMatchObject({
      width: 37, height: 23, offsetX: -5, offsetY: 9, fileDesc: 3, pixelCount: 37 * 23, hasPalette: false, paletteOffset: 0,
      flags: compressed ? 0x21 : 0x01, pixelsOffset: 32,
    });
    const decoded = formats.decodePidIndices(pid);
    expect(decoded.indices).toEqual(indices);
    const image = formats.decodePid(pid, palette);
    expect(image).toMatchObject({ width: 37, height: 23, offsetX: -5, offsetY: 9 });
    expect(image.rgba).toEqual(expectedRgba(indices, palette));
    const out = new Uint8Array(37 * 23 * 4 + 16).fill(0xee);
    expect(formats.decodePidInto(pid, palette, out).width).toBe(37);
    expect(out.subarray(0, image.rgba.length)).toEqual(image.rgba);
    expect(out[image.rgba.length]).toBe(0xee);
    expect(() => formats.decodePidInto(pid, palette, new Uint8Array(10))).toThrow(InvalidArgumentError);
  });

  it('embeds a palette and decodes with it', () => {
    const palette = formats.readPalette(pal);
    const indices = indicesOf(16, 16, 3);
    const pid = formats.encodePid({ width: 16, height: 16, indices, compressed: true, palette });
    const info = formats.pidInfo(pid);
    expect(info.hasPalette).toBe(true);
    expect(info.flags & 0x80).toBe(0x80);
    expect(info.paletteOffset).toBe(pid.length - 768);
    expect(formats.pidPalette(pid)).toEqual(palette);
    expect(formats.decodePid(pid).rgba).toEqual(expectedRgba(indices, palette));
    const plain = formats.encodePid({ width: 16, height: 16, indices });
    const err = (() => { try { formats.decodePid(plain); } catch (e) { return e; } return null; })();
    expect(err).toBeInstanceOf(FormatError);
    expect(err).toMatchObject({ format: 'pid', status: 1 });
    expect(() => formats.pidPalette(plain)).toThrow(FormatError);
  });

  it('decodes an empty image and rejects damaged ones with typed errors', () => {
    const empty = formats.encodePid({ width: 0, height: 5, indices: new Uint8Array(0) });
    expect(formats.decodePid(empty, formats.readPalette(pal)).rgba.length).toBe(0);
    const pid = formats.encodePid({ width: 40, height: 40, indices: indicesOf(40, 40, 4) });
    expect(() => formats.decodePid(pid.subarray(0, 20))).toThrow(TruncatedFormatError);
    expect(() => formats.decodePidIndices(pid.subarray(0, pid.length - 30))).toThrow(TruncatedFormatError);
    const huge = pid.slice();
    new DataView(huge.buffer).setUint32(8, 20_000, true);
    expect(() => formats.pidInfo(huge)).toThrow(OversizedFormatError);
    expect(() => formats.encodePid({ width: 4, height: 4, indices: new Uint8Array(15) })).toThrow(InvalidArgumentError);
    // Sides the Uint32 parameters would truncate, or the format cannot hold, are refused, not rounded.
    expect(() => formats.encodePid({ width: 1.5, height: 2, indices: new Uint8Array(3) })).toThrow(InvalidArgumentError);
    expect(() => formats.encodePid({ width: -2, height: -2, indices: new Uint8Array(4) })).toThrow(InvalidArgumentError);
    expect(() => formats.encodePid({ width: 16385, height: 0, indices: new Uint8Array(0) })).toThrow(InvalidArgumentError);
  });
});

describe('Formats.fromAbi', () => {
  it("decodes in an engine's instance without disturbing its regions", async () => {
    const engine = await createEngine({ regions: { state: 1 << 20, frame: 64 << 10 } });
    try {
      const pool = engine.createPool({ name: 'p', slotSize: 16, capacity: 4 });
      pool.alloc();
      const shared = Formats.fromAbi(engine.abi);
      const indices = indicesOf(64, 64, 9);
      const pid = shared.encodePid({ width: 64, height: 64, indices, compressed: true });
      expect(shared.decodePidIndices(pid).indices).toEqual(indices);
      shared.dispose();
      expect(() => shared.pidInfo(pid)).toThrow(InvalidArgumentError);
      engine.check();
      expect(pool.stats().live).toBe(1);
    } finally {
      engine.destroy();
    }
  });
});

/** An ANI file laid out as LEGACY-FORMATS.md says. */
function makeAni(imageSet: string, frames: { imageId: number; durationMs: number; event?: string }[]): Uint8Array {
  const size = 32 + imageSet.length + frames.reduce((n, f) => n + 20 + (f.event === undefined ? 0 : f.event.length + 1), 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x0b1d, true);
  view.setUint32(12, frames.length, true);
  view.setUint32(16, imageSet.length, true);
  let at = 32;
  for (const c of imageSet) bytes[at++] = c.charCodeAt(0);
  for (const frame of frames) {
    view.setUint16(at, frame.event === undefined ? 0 : 2, true);
    view.setUint16(at + 8, frame.imageId, true);
    view.setUint16(at + 10, frame.durationMs, true);
    at += 20;
    if (frame.event !== undefined) {
      for (const c of frame.event) bytes[at++] = c.charCodeAt(0);
      bytes[at++] = 0;
    }
  }
  return bytes;
}

describe('ANI', () => {
  it('reads frames, durations and events', () => {
    const ani = makeAni('CLAW_IMAGES', [
      { imageId: 1, durationMs: 100 }, { imageId: 2, durationMs: 75 }, { imageId: 3, durationMs: 50, event: 'CLAW_GUNSHOT' },
      { imageId: 12, durationMs: 1000 }, { imageId: 4, durationMs: 10, event: 'Ã©t\u00e9' },
    ]);
    const read = formats.readAni(ani);
    expect(read.signature).toBe(0x0b1d);
    expect(read.imageSet).toBe('CLAW_IMAGES');
    expect(read.frames).toEqual([
      { imageId: 1, durationMs: 100, eventFlag: 0, event: null },
      { imageId: 2, durationMs: 75, eventFlag: 0, event: null },
      { imageId: 3, durationMs: 50, eventFlag: 2, event: 'CLAW_GUNSHOT' },
      { imageId: 12, durationMs: 1000, eventFlag: 0, event: null },
      { imageId: 4, durationMs: 10, eventFlag: 2, event: 'Ã©t\u00e9' },
    ]);
  });

  it('rejects damaged files with typed errors', () => {
    const ani = makeAni('SET', [{ imageId: 1, durationMs: 5, event: 'BOOM' }]);
    expect(() => formats.readAni(ani.subarray(0, 20))).toThrow(TruncatedFormatError);
    expect(() => formats.readAni(ani.subarray(0, ani.length - 1))).toThrow(MalformedFormatError); // the event lost its NUL
    const many = ani.slice();
    new DataView(many.buffer).setUint32(12, 1_000_000, true);
    expect(() => formats.readAni(many)).toThrow(OversizedFormatError);
  });
});
