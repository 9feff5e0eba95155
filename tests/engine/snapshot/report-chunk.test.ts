// CaptureOptions.report: a tracker report embedded in a full snapshot's last chunk ('TRAK'), on the
// real wasm core. The chunk is checksummed like every other, ignored by restore, and refused in deltas.
import { describe, expect, it } from 'vitest';
import {
  ChecksumMismatchError, InvalidArgumentError, UnsealedSnapshotError, type Engine,
} from '../../../engine/index.js';
import { expectSameBytes, expectThrows, freshEngine } from '../support/engine.js';

const REPORT = JSON.stringify({ format: 'claw-stats', note: 'tags with accents: décor, ŝtono', n: [1, 2, 3] });

async function engineWithState(): Promise<Engine> {
  const engine = await freshEngine({ regions: { state: 1 << 20, frame: 64 << 10 } });
  const pool = engine.createPool({ name: 'things', slotSize: 32, capacity: 64 });
  for (let i = 0; i < 10; i++) pool.alloc();
  engine.slab.alloc(500);
  return engine;
}

/** XXH3-64 of bytes by the core (oc_checksum64), as the format checksums every chunk. */
function xxh3(engine: Engine, bytes: Uint8Array): bigint {
  const abi = engine.abi;
  const out = Math.ceil(bytes.length / 8) * 8;
  const ptr = abi.malloc(out + 8);
  try {
    abi.heap.u8.set(bytes, ptr);
    expect(abi.oc_checksum64(ptr, bytes.length, ptr + out)).toBe(0);
    return abi.heap.view.getBigUint64(ptr + out, true);
  } finally {
    abi.free(ptr);
  }
}

function trakText(bytes: Uint8Array, chunk: { offset: number; size: number }): string {
  return new TextDecoder().decode(bytes.subarray(chunk.offset, chunk.offset + chunk.size));
}

describe('a report in a snapshot', () => {
  it('is the last chunk, after PAGE, with the UTF-8 text as given; the file says min_version 2', async () => {
    const engine = await engineWithState();
    const plain = engine.snapshot();
    const snap = engine.capture({ report: REPORT });
    const info = engine.inspectSnapshot(snap);
    const plainInfo = engine.inspectSnapshot(plain);
    expect(info.version).toBe(2);
    expect(info.minVersion).toBe(2);
    expect(plainInfo.minVersion).toBe(1);
    expect(info.chunks.map((c) => c.kind)).toEqual([...plainInfo.chunks.map((c) => c.kind), 'TRAK']);
    const trak = info.chunks[info.chunks.length - 1]!;
    expect(trak).toMatchObject({ kind: 'TRAK', id: 0, regionOffset: 0, regionLength: 0, size: new TextEncoder().encode(REPORT).length });
    expect(trakText(snap, trak)).toBe(REPORT);
    expect(trak.offset + trak.size).toBe(snap.length);
    expect(trak.checksum).toBe(xxh3(engine, snap.subarray(trak.offset, trak.offset + trak.size)));
    expect(info.imageHash).toBe(plainInfo.imageHash);
    engine.verifySnapshot(snap);
  });

  it('restores like the plain snapshot (the report is verified, not used)', async () => {
    const engine = await engineWithState();
    const before = engine.regions.state.bytes().slice();
    const snap = engine.capture({ report: REPORT });
    engine.slab.alloc(1000);
    engine.restore(snap);
    expectSameBytes(engine.regions.state.bytes().slice(), before);
    engine.check();
  });

  it('a damaged report is a checksum mismatch and the running state stays as it was', async () => {
    const engine = await engineWithState();
    const snap = engine.capture({ report: REPORT });
    const trak = engine.inspectSnapshot(snap).chunks.find((c) => c.kind === 'TRAK')!;
    const bad = snap.slice();
    bad[trak.offset + 3]! ^= 0x40;
    engine.slab.alloc(64);
    const live = engine.regions.state.bytes().slice();
    expectThrows(() => engine.verifySnapshot(bad), ChecksumMismatchError);
    expectThrows(() => engine.restore(bad), ChecksumMismatchError);
    expectSameBytes(engine.regions.state.bytes().slice(), live);
  });

  it('unsealed with a report, then sealed, equals the sealed capture', async () => {
    const engine = await engineWithState();
    const sealed = engine.capture({ report: REPORT });
    const unsealed = engine.capture({ report: REPORT, seal: false });
    expectThrows(() => engine.verifySnapshot(unsealed), UnsealedSnapshotError);
    expectSameBytes(engine.sealSnapshot(unsealed), sealed);
  });

  it('deltas carry none, and an empty or non-string report is refused', async () => {
    const engine = await engineWithState();
    const base = engine.snapshot();
    expectThrows(() => engine.capture({ base, report: REPORT }), InvalidArgumentError);
    expectThrows(() => engine.capture({ report: '' }), InvalidArgumentError);
    expectThrows(() => engine.capture({ report: 42 as unknown as string }), InvalidArgumentError);
  });

  it('snapshot({ report: true }) embeds the tracker\'s report', async () => {
    const engine = await freshEngine({ regions: { state: 1 << 20, frame: 64 << 10 }, tracking: { mode: 'full', leakReport: false } });
    engine.createPool({ name: 'things', slotSize: 32, capacity: 8 }).alloc('here');
    const snap = engine.snapshot({ report: true });
    const trak = engine.inspectSnapshot(snap).chunks.find((c) => c.kind === 'TRAK')!;
    const embedded = JSON.parse(trakText(snap, trak)) as { format: string; leaks: { groups: Array<{ site: string }> } };
    expect(embedded.format).toBe('claw-stats');
    expect(embedded.leaks.groups.map((g) => g.site)).toContain('here');
  });
});
