// claw-stats --watch: a growing stats file, a half-written line, a file rewritten whole, a pipe.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { put, Watching, workDir } from './cli.js';
import { handReport } from './fixture.js';

const line = (frame: number) => JSON.stringify({ ...handReport(), frame });
const frames = (w: Watching) => w.lines().map((l) => (JSON.parse(l) as { frame: number }).frame);

describe('claw-stats --watch', () => {
  const dir = workDir();

  it('follows a stats file as it grows: the newest report first, then every new one, complete lines only', async () => {
    put(dir, 'grow.jsonl', `boot\n${line(1)}\n${line(2)}\n`);
    const w = new Watching(['--watch', '--interval', '20', '-f', 'json', 'grow.jsonl'], dir);
    try {
      await w.until((x) => x.lines().length >= 1, 'the newest report of the file');
      expect(frames(w)).toEqual([2]);
      appendFileSync(join(dir, 'grow.jsonl'), `other output\n${line(3)}\n${line(4)}\n`);
      await w.until((x) => x.lines().length >= 3, 'reports 3 and 4');
      expect(frames(w)).toEqual([2, 3, 4]);
      // Half a line is not read until its newline arrives.
      const next = line(5);
      appendFileSync(join(dir, 'grow.jsonl'), next.slice(0, 100));
      await new Promise((r) => setTimeout(r, 200));
      expect(frames(w)).toEqual([2, 3, 4]);
      appendFileSync(join(dir, 'grow.jsonl'), `${next.slice(100)}\n`);
      await w.until((x) => x.lines().length >= 4, 'report 5 once its line is complete');
      expect(frames(w)).toEqual([2, 3, 4, 5]);
      expect(w.stderr).toBe('');
    } finally {
      await w.stop();
    }
  });

  it('reports a malformed line on stderr and goes on; --all shows the backlog', async () => {
    put(dir, 'mixed.jsonl', `${line(1)}\n${line(2)}\n`);
    const w = new Watching(['--watch', '--all', '--interval', '20', '-f', 'json', 'mixed.jsonl'], dir);
    try {
      await w.until((x) => x.lines().length >= 2, 'the backlog');
      appendFileSync(join(dir, 'mixed.jsonl'), `${line(3).replace('"mode":"full"', '"mode":"loud"')}\n${line(4)}\n`);
      await w.until((x) => x.lines().length >= 3 && x.stderr.length > 0, 'the error and report 4');
      expect(frames(w)).toEqual([1, 2, 4]);
      expect(w.stderr).toMatch(/^claw-stats: mixed\.jsonl:3:\d+: not a valid report: \/mode: expected one of "off", "counters", "full", got the string "loud"\n$/);
    } finally {
      expect(await w.stop()).toBe(2);
    }
  });

  it('waits for a file that does not exist yet, and reads a JSON file again when it is rewritten', async () => {
    const w = new Watching(['--watch', '--interval', '20', '-f', 'json', 'later.json'], dir);
    try {
      await w.until((x) => x.stderr.includes('waiting for later.json'), 'the waiting notice');
      writeFileSync(join(dir, 'later.json'), JSON.stringify({ ...handReport(), frame: 10 }, null, 2));
      await w.until((x) => x.lines().length >= 1, 'the first version');
      writeFileSync(join(dir, 'later.json'), JSON.stringify({ ...handReport(), frame: 11 }, null, 2));
      await w.until((x) => x.lines().length >= 2, 'the rewritten version');
      expect(frames(w)).toEqual([10, 11]);
    } finally {
      await w.stop();
    }
  });

  it('follows a pipe as lines arrive and stops when it closes', async () => {
    const w = new Watching(['--watch', '-f', 'json', '-'], dir);
    w.child.stdin.write(`hello\n${line(1)}\n`);
    await w.until((x) => x.lines().length >= 1, 'the first report from the pipe');
    expect(frames(w)).toEqual([1]);
    w.child.stdin.write(`${line(2)}\n${line(3)}`);
    await w.until((x) => x.lines().length >= 2, 'the second report');
    w.child.stdin.end();
    expect(await w.exited).toBe(0);
    // The last line needs no newline once the pipe is closed.
    expect(frames(w)).toEqual([1, 2, 3]);
  });

  it('a first line still being written is not mistaken for a JSON document', async () => {
    const w = new Watching(['--watch', '--interval', '20', '-f', 'json', 'slow.jsonl'], dir);
    try {
      await w.until((x) => x.stderr.includes('waiting for slow.jsonl'), 'the watcher to start');
      const first = line(1);
      writeFileSync(join(dir, 'slow.jsonl'), first.slice(0, 8)); // '{"format': not yet a stats line
      await new Promise((r) => setTimeout(r, 200)); // several polls of the unchanged half line
      appendFileSync(join(dir, 'slow.jsonl'), `${first.slice(8)}\n`);
      await w.until((x) => x.lines().length >= 1, 'report 1');
      appendFileSync(join(dir, 'slow.jsonl'), `${line(2)}\n${line(3)}\n`);
      await w.until((x) => x.lines().length >= 3, 'reports 2 and 3, each once');
      await new Promise((r) => setTimeout(r, 100));
      expect(frames(w)).toEqual([1, 2, 3]);
    } finally {
      await w.stop();
    }
  });

  it('a one-line report file without a final newline is read once it stops changing', async () => {
    put(dir, 'compact.json', line(5));
    const w = new Watching(['--watch', '--interval', '20', '-f', 'json', 'compact.json'], dir);
    try {
      await w.until((x) => x.lines().length >= 1, 'report 5');
      appendFileSync(join(dir, 'compact.json'), `\n${line(6)}\n`);
      await w.until((x) => x.lines().length >= 2, 'report 6');
      await new Promise((r) => setTimeout(r, 100));
      expect(frames(w)).toEqual([5, 6]);
    } finally {
      await w.stop();
    }
  });

  it('a pretty-printed report on a pipe is read when the pipe closes', async () => {
    const w = new Watching(['--watch', '-f', 'json', '-'], dir);
    w.child.stdin.end(JSON.stringify({ ...handReport(), frame: 42 }, null, 2));
    expect(await w.exited).toBe(0);
    expect(frames(w)).toEqual([42]);
  });

  it('table format: a table per new report, separated, without clearing a non-terminal', async () => {
    const w = new Watching(['--watch', '-'], dir);
    w.child.stdin.write(`${line(1)}\n`);
    await w.until((x) => x.stdout.includes('frame 1, mode full'), 'the first table');
    w.child.stdin.end(`${line(2)}\n`);
    expect(await w.exited).toBe(0);
    expect(w.stdout).toMatch(/^claw-stats: \(stdin\):1: frame 1, mode full\n[\s\S]*\n\nclaw-stats: \(stdin\):2: frame 2, mode full\n/);
    expect(w.stdout).not.toContain('\x1b[');
  });

  it('a pipe that closes without a report is an error', async () => {
    const w = new Watching(['--watch', '-'], dir);
    w.child.stdin.end('just output\n');
    expect(await w.exited).toBe(2);
    expect(w.stderr).toContain('(stdin): no report');
  });
});
