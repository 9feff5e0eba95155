// .clawinput v1: the recorder, the encoder's exact bytes, every rejection of damaged or foreign bytes,
// and the plain-TypeScript XXH3 the header checksum uses, checked against the core's oc_checksum64.
import { describe, expect, it } from 'vitest';

import { Input } from '../../../engine/game/constants.js';
import {
  encodeInputRecording, INPUT_HEADER_BYTES, INPUT_MAGIC, inputChecksum, InputBadMagicError, InputChecksumMismatchError,
  InputRecorder, InputRecordingError, InputSizeMismatchError, InputVersionTooNewError, InputVersionTooOldError,
  MalformedInputError, readInputRecording, TruncatedInputError,
} from '../../../engine/game/input-recording.js';
import { xxh3 } from '../../../engine/game/xxh3.js';
import { InvalidArgumentError } from '../../../engine/memory/errors.js';
import { Status } from '../../../engine/memory/status.js';
import { expectThrows, freshEngine } from '../support/engine.js';

function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A valid recording with its header re-sealed after `edit` changed it (so only the edited field is wrong). */
function edited(edit: (v: DataView, bytes: Uint8Array) => void, frames = new Uint8Array([1, 2, 3])): Uint8Array {
  const bytes = encodeInputRecording(frames);
  edit(new DataView(bytes.buffer), bytes);
  return bytes;
}

describe('xxh3', () => {
  it('equals the core\'s XXH3-64 (oc_checksum64) for every length class: 0..1100 bytes and long inputs', async () => {
    const engine = await freshEngine();
    const lengths = [...Array(1101).keys(), 1024 * 2, 1024 * 2 + 1, 4095, 10_000, 70_001];
    const wrong: number[] = [];
    for (const length of lengths) {
      const bytes = pseudoRandomBytes(length, length + 7);
      const ptr = engine.abi.malloc(length + 16);
      try {
        engine.abi.heap.u8.set(bytes, ptr);
        const out = ptr + Math.ceil(length / 8) * 8;
        expect(engine.abi.oc_checksum64(ptr, length, out)).toBe(0);
        if (xxh3(bytes) !== engine.abi.heap.view.getBigUint64(out, true)) wrong.push(length);
      } finally {
        engine.abi.free(ptr);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('hashes a subarray by its own bytes, not its buffer', () => {
    const whole = pseudoRandomBytes(300, 1);
    expect(xxh3(whole.subarray(50, 250))).toBe(xxh3(whole.slice(50, 250)));
  });
});

describe('InputRecorder', () => {
  it('records frames past its initial capacity and writes them after the 32-byte header', () => {
    const recorder = new InputRecorder({ capacity: 2 });
    const inputs = [0, Input.Right, Input.Right | Input.Jump, Input.Attack, 0x3f];
    for (const bits of inputs) recorder.record(bits);
    expect(recorder.frames).toBe(5);
    expect([...recorder.inputs()]).toEqual(inputs);

    const bytes = recorder.toBytes({ levelHash: 0x0123_4567_89ab_cdefn, startFrame: 3000n });
    expect(bytes.length).toBe(INPUT_HEADER_BYTES + 5);
    const v = new DataView(bytes.buffer);
    expect(v.getUint32(0, true)).toBe(INPUT_MAGIC);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('OCIN');
    expect(v.getUint16(4, true)).toBe(1);
    expect(v.getUint16(6, true)).toBe(32);
    expect(v.getUint32(8, true)).toBe(5);
    expect(v.getUint32(12, true)).toBe(0x89ab_cdef);
    expect(v.getUint32(16, true)).toBe(0x0123_4567);
    expect(v.getUint32(20, true)).toBe(3000);
    expect(v.getUint32(24, true)).toBe(0);
    expect(v.getUint32(28, true)).toBe(Number(xxh3(new Uint8Array(inputs)) & 0xffff_ffffn));
    expect([...bytes.subarray(32)]).toEqual(inputs);

    const read = readInputRecording(bytes);
    expect(read).toEqual({
      levelHash: 0x0123_4567_89ab_cdefn, startFrame: 3000n, inputs: new Uint8Array(inputs), checksum: inputChecksum(new Uint8Array(inputs)),
    });
  });

  it('an empty recording is a valid 32-byte file; clear() starts over', () => {
    const recorder = new InputRecorder();
    recorder.record(Input.Left);
    recorder.clear();
    expect(recorder.frames).toBe(0);
    const bytes = recorder.toBytes();
    expect(bytes.length).toBe(32);
    expect(readInputRecording(bytes)).toMatchObject({ levelHash: 0n, startFrame: 0n, inputs: new Uint8Array(0) });
  });

  it('refuses bits that are not input, and bad header fields', () => {
    const recorder = new InputRecorder();
    for (const bad of [64, 0x80, -1, 1.5, Number.NaN]) expectThrows(() => recorder.record(bad), InvalidArgumentError);
    expect(recorder.frames).toBe(0);
    expectThrows(() => recorder.toBytes({ startFrame: -1n }), InvalidArgumentError);
    expectThrows(() => recorder.toBytes({ levelHash: 1n << 64n }), InvalidArgumentError);
    expectThrows(() => encodeInputRecording(new Uint8Array([1, 0x40])), InvalidArgumentError);
    expectThrows(() => new InputRecorder({ capacity: 0 }), InvalidArgumentError);
  });

  it('the read inputs are a copy: changing them leaves the file bytes alone', () => {
    const bytes = encodeInputRecording(new Uint8Array([5, 6]));
    readInputRecording(bytes).inputs[0] = 9;
    expect(bytes[32]).toBe(5);
  });
});

describe('readInputRecording rejects', () => {
  it('other magic, versions it cannot read, a wrong header size', () => {
    expect(expectThrows(() => readInputRecording(edited((v) => v.setUint32(0, 0x4e53434f, true))), InputBadMagicError).status)
      .toBe(Status.BadMagic);
    expect(expectThrows(() => readInputRecording(edited((v) => v.setUint16(4, 2, true))), InputVersionTooNewError).status)
      .toBe(Status.VersionTooNew);
    expectThrows(() => readInputRecording(edited((v) => v.setUint16(4, 0, true))), InputVersionTooOldError);
    expect(expectThrows(() => readInputRecording(edited((v) => v.setUint16(6, 36, true))), InputSizeMismatchError).status)
      .toBe(Status.SizeMismatch);
  });

  it('files shorter than the header or the frame count (Truncated), longer than it (SizeMismatch)', () => {
    const good = encodeInputRecording(new Uint8Array([1, 2, 3, 4]));
    for (const length of [0, 4, 7, 8, 31, 32, 35]) {
      const err = expectThrows(() => readInputRecording(good.subarray(0, length)), InputRecordingError);
      expect(err.status, `length ${length}`).toBe(Status.Truncated);
      expect(err).toBeInstanceOf(TruncatedInputError);
    }
    const longer = new Uint8Array(good.length + 1);
    longer.set(good);
    expectThrows(() => readInputRecording(longer), InputSizeMismatchError);
    // A frame count that claims more frames than a u32 file could follow.
    expectThrows(() => readInputRecording(edited((v) => v.setUint32(8, 0xffff_ffff, true))), TruncatedInputError);
  });

  it('a damaged frame or checksum (ChecksumMismatch), then frames with bits 6..7 (Malformed)', () => {
    const frames = pseudoRandomBytes(500, 3).map((b) => b & 0x3f);
    const flipped = edited((_v, bytes) => { bytes[32 + 250]! ^= 1; }, frames);
    const err = expectThrows(() => readInputRecording(flipped), InputChecksumMismatchError);
    expect(err.status).toBe(Status.ChecksumMismatch);
    expectThrows(() => readInputRecording(edited((v) => v.setUint32(28, v.getUint32(28, true) ^ 0x100, true), frames)), InputChecksumMismatchError);

    // A writer that set bit 6 and sealed it: the checksum holds, the frame is still not input.
    const bytes = edited((v, b) => {
      b[32 + 1] = 0x41;
      v.setUint32(28, inputChecksum(b.subarray(32)), true);
    });
    const malformed = expectThrows(() => readInputRecording(bytes), MalformedInputError);
    expect(malformed.status).toBe(Status.Malformed);
    expect(malformed.message).toContain('frame 1');
  });

  it('reads a recording inside a larger buffer (a subarray at an offset)', () => {
    const file = encodeInputRecording(new Uint8Array([Input.Jump, Input.Down]), { startFrame: 7n });
    const big = new Uint8Array(file.length + 13);
    big.set(file, 13);
    expect(readInputRecording(big.subarray(13))).toMatchObject({ startFrame: 7n, inputs: new Uint8Array([Input.Jump, Input.Down]) });
  });
});
