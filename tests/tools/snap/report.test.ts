// claw-snap and the TRAK chunk: info lists it and its size, verify checks it, and export/import carry
// the report so that the round trip still gives back the same bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claw, json, put, workDir } from './cli.js';
import { makeScene } from './scene.js';

const REPORT = JSON.stringify({ format: 'claw-stats', version: 1, note: 'any text: restore does not read it' });

describe('claw-snap on a snapshot with a tracker report', () => {
  const dir = workDir();

  it('info lists the TRAK chunk and the report size; a plain snapshot has none', async () => {
    const { engine } = await makeScene();
    put(dir, 'with.clawsnap', engine.capture({ report: REPORT }));
    put(dir, 'plain.clawsnap', engine.snapshot());
    const out = json<{ header: { version: number; minVersion: number }; chunks: Array<{ kind: string; size: number }>; reportBytes: number | null }>(
      await claw(['info', 'with.clawsnap', '--json'], dir));
    expect(out.header).toMatchObject({ version: 2, minVersion: 2 });
    expect(out.chunks[out.chunks.length - 1]).toMatchObject({ kind: 'TRAK', size: REPORT.length });
    expect(out.chunks[out.chunks.length - 2]!.kind).toBe('PAGE');
    expect(out.reportBytes).toBe(REPORT.length);
    const text = await claw(['info', 'with.clawsnap'], dir);
    expect(text.stdout).toMatch(/\n +\d+ +TRAK +0 /);
    expect(text.stdout).toContain(`tracker report: ${REPORT.length} bytes of JSON in the TRAK chunk (claw-stats with.clawsnap shows it)`);
    const plain = json<{ header: { minVersion: number }; reportBytes: number | null }>(await claw(['info', 'plain.clawsnap', '--json'], dir));
    expect(plain.reportBytes).toBeNull();
    expect(plain.header.minVersion).toBe(1);
    expect((await claw(['info', 'plain.clawsnap'], dir)).stdout).not.toContain('tracker report');
    engine.destroy();
  });

  it('verify checks the report\'s checksum', async () => {
    const { engine } = await makeScene();
    const snap = engine.capture({ report: REPORT });
    const trak = engine.inspectSnapshot(snap).chunks.find((c) => c.kind === 'TRAK')!;
    const bad = snap.slice();
    bad[trak.offset]! ^= 1;
    put(dir, 'good.clawsnap', snap);
    put(dir, 'bad.clawsnap', bad);
    expect((await claw(['verify', 'good.clawsnap'], dir)).code).toBe(0);
    const run = await claw(['verify', 'bad.clawsnap'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ChecksumMismatchError: chunk \d+ \(TRAK\)/);
    engine.destroy();
  });

  it('export keeps the report and import puts it back: the same bytes, sealed or not', async () => {
    const { engine } = await makeScene();
    const cases = { sealed: engine.capture({ report: REPORT }), unsealed: engine.capture({ report: REPORT, seal: false }) };
    for (const [name, bytes] of Object.entries(cases)) {
      put(dir, `${name}.clawsnap`, bytes);
      const exported = await claw(['export', `${name}.clawsnap`, '-o', `${name}.json`], dir);
      expect(exported.code, exported.stderr).toBe(0);
      const d = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { report?: string };
      expect(d.report).toBe(REPORT);
      const imported = await claw(['import', `${name}.json`, '-o', `${name}.back.clawsnap`], dir);
      expect(imported.code, imported.stderr).toBe(0);
      expect(Buffer.compare(readFileSync(join(dir, `${name}.back.clawsnap`)), Buffer.from(bytes)), name).toBe(0);
    }
    // A description whose report is not text is refused.
    const d = JSON.parse(readFileSync(join(dir, 'sealed.json'), 'utf8')) as { report?: unknown };
    d.report = 7;
    put(dir, 'bad-report.json', JSON.stringify(d));
    const run = await claw(['import', 'bad-report.json', '-o', 'never.clawsnap'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('InvalidDescriptionError: report: expected the report\'s JSON text');
    engine.destroy();
  });
});
