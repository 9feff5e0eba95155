// The streamer's pure parts: the priority queue, the retry policy, the bundle progress arithmetic and
// the typed errors' trip across the worker channel.
import { describe, expect, it } from 'vitest';
import { BudgetExceededError, InvalidArgumentError } from '../../../engine/memory/errors.js';
import {
  AssetCancelledError, AssetCorruptError, AssetNetworkError, AssetNotFoundError, StreamerClosedError, WorkerCrashedError,
} from '../../../engine/streaming/errors.js';
import {
  EntryNotFoundError, FormatBadMagicError, MalformedFormatError, SourceError, TruncatedFormatError,
} from '../../../engine/streaming/formats/errors.js';
import { BundleProgressTracker, type BundleProgress } from '../../../engine/streaming/progress.js';
import { PriorityQueue, type Priority } from '../../../engine/streaming/queue.js';
import { DEFAULT_RETRY, retryDelay, retryPolicy, shouldRetry } from '../../../engine/streaming/retry.js';
import { classify, decodeAssetError, encodeAssetError } from '../../../engine/streaming/worker-errors.js';

describe('PriorityQueue', () => {
  const job = (name: string, priority: Priority) => ({ name, priority });

  it('serves frame, area, background; FIFO within; remove and raise', () => {
    const q = new PriorityQueue<{ name: string; priority: Priority }>();
    const jobs = [job('b1', 'background'), job('a1', 'area'), job('b2', 'background'), job('f1', 'frame'), job('a2', 'area')];
    jobs.forEach((j) => q.push(j));
    expect([q.count('frame'), q.count('area'), q.count('background'), q.size]).toEqual([1, 2, 2, 5]);
    expect(q.remove(jobs[1]!)).toBe(true);
    expect(q.remove(jobs[1]!)).toBe(false);
    expect(q.raise(jobs[2]!, 'frame')).toBe(true);
    expect(q.raise(jobs[2]!, 'area')).toBe(false); // never lowered
    const order: string[] = [];
    for (let j = q.shift(); j !== undefined; j = q.shift()) order.push(j.name);
    expect(order).toEqual(['f1', 'b2', 'a2', 'b1']);
    expect(q.size).toBe(0);
  });

  it('raise() of a job that is not queued only changes its priority', () => {
    const q = new PriorityQueue<{ priority: Priority }>();
    const running = { priority: 'background' as Priority };
    expect(q.raise(running, 'frame')).toBe(true);
    expect(running.priority).toBe('frame');
    expect(q.size).toBe(0);
  });
});

describe('retry policy', () => {
  it('retries network errors (not 4xx) and crashes, with capped exponential delays', () => {
    const p = retryPolicy({});
    expect(p).toMatchObject({ attempts: 3, baseDelayMs: 50, maxDelayMs: 1000 });
    expect(shouldRetry(p, 1, new AssetNetworkError('x', 'u', 503))).toBe(true);
    expect(shouldRetry(p, 1, new AssetNetworkError('x', 'u'))).toBe(true);
    expect(shouldRetry(p, 1, new AssetNetworkError('x', 'u', 403))).toBe(false);
    expect(shouldRetry(p, 2, new WorkerCrashedError('x'))).toBe(true);
    expect(shouldRetry(p, 3, new WorkerCrashedError('x'))).toBe(false);
    expect(shouldRetry(p, 1, new AssetNotFoundError('x', 'k'))).toBe(false);
    expect(shouldRetry(p, 1, new AssetCorruptError('x', new TruncatedFormatError('t', 'pid')))).toBe(false);
    expect(shouldRetry(p, 1, new BudgetExceededError('x'))).toBe(false);
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => retryDelay(DEFAULT_RETRY, a))).toEqual([50, 100, 200, 400, 800, 1000, 1000]);
    expect(() => retryPolicy({ attempts: 0 })).toThrow(InvalidArgumentError);
    expect(() => retryPolicy({ baseDelayMs: 10, maxDelayMs: 5 })).toThrow(InvalidArgumentError);
  });
});

describe('BundleProgressTracker', () => {
  it('is item-driven until every size is known, monotonic, below 1 until the end, then exactly 1', () => {
    const reports: BundleProgress[] = [];
    const t = new BundleProgressTracker(4, (p) => reports.push(p));
    t.start();
    t.fetched(0, 1000);
    t.done(0);
    t.fetched(1, 10);
    t.done(2); // a cache hit: no bytes
    t.fetched(3, 5000);
    t.done(3);
    t.done(1);
    const fractions = reports.map((r) => r.fraction);
    expect(fractions[0]).toBe(0);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]!);
    expect(fractions.slice(0, -1).every((x) => x < 1)).toBe(true);
    expect(reports.at(-1)).toEqual({ bytesLoaded: 6010, bytesTotal: 6010, itemsLoaded: 4, itemsTotal: 4, fraction: 1 });
    t.done(1); // repeated: no report
    expect(reports).toHaveLength(fractions.length);
  });
});

describe('errors across the worker channel', () => {
  it('classifies source, archive and format failures', () => {
    expect(classify(new SourceError('m', 'u', { httpStatus: 404 }), 'k')).toBeInstanceOf(AssetNotFoundError);
    expect(classify(new SourceError('m', 'u', { httpStatus: 500 }), 'k')).toMatchObject({ name: 'AssetNetworkError', httpStatus: 500 });
    expect(classify(new EntryNotFoundError('/X'), 'k')).toBeInstanceOf(AssetNotFoundError);
    expect(classify(new TypeError('fetch failed'), 'k')).toBeInstanceOf(AssetNetworkError);
    const corrupt = classify(new FormatBadMagicError('bad', 'rez', '/A'), 'k') as AssetCorruptError;
    expect(corrupt.formatError).toBeInstanceOf(FormatBadMagicError);
    expect(classify(new DOMException('stop', 'AbortError'), 'k')).toBeInstanceOf(AssetCancelledError);
  });

  it('rebuilds every class with its fields', () => {
    const trip = <T extends Error>(e: T): Error => decodeAssetError(structuredClone(encodeAssetError(e)));
    expect(trip(new AssetNetworkError('n', 'http://x', 502))).toMatchObject({ name: 'AssetNetworkError', url: 'http://x', httpStatus: 502 });
    expect(trip(new AssetNotFoundError('nf', 'k'))).toMatchObject({ name: 'AssetNotFoundError', key: 'k' });
    const corrupt = trip(new AssetCorruptError('c', new MalformedFormatError('mal', 'pid', '/P.PID'))) as AssetCorruptError;
    expect(corrupt).toBeInstanceOf(AssetCorruptError);
    expect(corrupt.formatError).toBeInstanceOf(MalformedFormatError);
    expect(corrupt.formatError).toMatchObject({ message: 'mal', format: 'pid', path: '/P.PID', status: 29 });
    expect(corrupt.cause).toBe(corrupt.formatError);
    for (const e of [new AssetCancelledError(), new WorkerCrashedError('w'), new StreamerClosedError(),
      new BudgetExceededError('b'), new InvalidArgumentError('i')]) {
      const back = trip(e);
      expect(back.constructor).toBe(e.constructor);
      expect(back.message).toBe(e.message);
    }
    expect(trip(new RangeError('r'))).toMatchObject({ name: 'OpenClawError', message: 'RangeError: r' });
  });
});
