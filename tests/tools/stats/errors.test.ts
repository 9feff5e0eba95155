// claw-stats refuses what is not a report with exit 2, the reason, and where (line and column), and
// prints nothing on stdout then.
import { describe, expect, it } from 'vitest';

import { put, stats, workDir } from './cli.js';
import { handReport } from './fixture.js';

const line = (r: unknown) => JSON.stringify(r);

describe('claw-stats on malformed input', () => {
  const dir = workDir();

  async function refused(args: string[], pattern: RegExp, stdin?: string): Promise<void> {
    const run = await stats(args, dir, stdin);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(pattern);
  }

  it('a stats line that breaks the schema: its line and the column of the bad value', async () => {
    const bad = handReport();
    bad.tags[1]!.liveBytes = 1.5;
    const text = ['program says hello', line(handReport()), 'more output', line(bad), ''].join('\n');
    put(dir, 'bad.jsonl', text);
    const col = line(bad).indexOf('"liveBytes":1.5') + '"liveBytes":'.length + 1;
    await refused(['bad.jsonl', '--format', 'json'], new RegExp(`^claw-stats: bad\\.jsonl:4:${col}: not a valid report: /tags/1/liveBytes: expected an integer, got the number 1\\.5\\n$`));
  });

  it('a pretty-printed report file: the line of the offending value', async () => {
    const bad = handReport();
    Object.assign(bad.pools[0]!, { colour: 'red' });
    const text = JSON.stringify(bad, null, 2);
    put(dir, 'pretty.json', text);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"colour"')) + 1;
    const col = lines[at - 1]!.indexOf('"red"') + 1;
    await refused(['pretty.json'], new RegExp(`pretty\\.json:${at}:${col}: not a valid report: /pools/0/colour: unexpected key "colour"`));
  });

  it('a missing key names the object that lacks it', async () => {
    const bad = handReport() as Partial<ReturnType<typeof handReport>>;
    delete bad.misuse;
    put(dir, 'missing.json', JSON.stringify(bad, null, 2));
    await refused(['missing.json'], /missing\.json:1:1: not a valid report: \(the report\): missing key "misuse"/);
  });

  it('broken JSON: where it breaks', async () => {
    const text = line(handReport());
    put(dir, 'cut.jsonl', `noise\n${text.slice(0, 200)}\n`);
    await refused(['cut.jsonl'], /cut\.jsonl:2:201: not valid JSON: unexpected end of input/);
    put(dir, 'comma.json', '{\n  "format": "claw-stats",\n  "version": 1,,\n}\n');
    await refused(['comma.json'], /comma\.json:3:16: not valid JSON: expected a "key"/);
    await refused(['-'], /\(stdin\):1:34: not valid JSON: unexpected character "x"/, '{"format":"claw-stats","version":x}\n');
  });

  it('no report at all, empty input, a missing file, a directory', async () => {
    put(dir, 'plain.log', 'frame 1\nframe 2\n{"other":"json"}\n');
    await refused(['plain.log'], /plain\.log: no report: none of its 3 lines starts with \{"format":"claw-stats"/);
    put(dir, 'empty.jsonl', '');
    await refused(['empty.jsonl'], /empty\.jsonl: empty input: no report/);
    await refused(['-'], /\(stdin\): empty input: no report/, '');
    await refused(['nowhere.jsonl'], /nowhere\.jsonl: cannot read it: no such file/);
    await refused(['.'], /\.: cannot read it: is a directory/);
    put(dir, 'binary.bin', new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x81]));
    await refused(['binary.bin'], /binary\.bin: neither a snapshot \(no "OCSN" magic\) nor UTF-8 text/);
  });

  it('a report line that is not UTF-8, among output lines that are not either', async () => {
    const report = Buffer.from(line(handReport()));
    const broken = Buffer.concat([report.subarray(0, 60), Buffer.from([0xc3, 0x28]), report.subarray(60)]);
    put(dir, 'latin.log', Buffer.concat([Buffer.from([0xff, 0xfe, 0x0a]), broken, Buffer.from('\n')]));
    await refused(['latin.log'], /^claw-stats: latin\.log:2:1: a report line that is not UTF-8 text\n$/);
  });

  it('a bad command line', async () => {
    put(dir, 'ok.jsonl', `${line(handReport())}\n`);
    await refused(['--format', 'xml', 'ok.jsonl'], /--format must be table or json, got 'xml'/);
    await refused([], /expected one input \(a file, or - for stdin\), got none/);
    await refused(['ok.jsonl', 'ok.jsonl'], /got 2/);
    await refused(['--colour', 'ok.jsonl'], /Unknown option '--colour'/);
    await refused(['--interval', '5', '--watch', 'ok.jsonl'], /--interval must be a number of milliseconds/);
    await refused(['--interval', '100', 'ok.jsonl'], /--interval goes with --watch/);
  });

  it('--help prints the usage and succeeds', async () => {
    const run = await stats(['--help'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^claw-stats: print the allocation tracker's report/);
    for (const option of ['--format table|json', '--watch', '--leaks-only', '--all', 'exit status']) expect(run.stdout).toContain(option);
  });
});
