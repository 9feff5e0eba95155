// What the streaming pages measure: the interval between animation frames, main-thread long tasks
// (PerformanceObserver 'longtask', buffered, so tasks before the observer started count too), the
// p95 of a series, and a cheap hash of a payload to compare the zero-copy and copying paths.

/** Frame intervals (ms between rAF timestamps), kept per phase; `phase` null drops them. */
export class FrameClock {
  phase: string | null = null;
  private last = Number.NaN;
  private readonly intervals = new Map<string, number[]>();

  /** Call with the rAF timestamp of every frame. */
  tick(now: number): void {
    if (this.phase !== null && !Number.isNaN(this.last)) {
      let list = this.intervals.get(this.phase);
      if (list === undefined) this.intervals.set(this.phase, (list = []));
      list.push(now - this.last);
    }
    this.last = now;
  }

  of(phase: string): number[] {
    return this.intervals.get(phase) ?? [];
  }
}

export interface LongTask {
  start: number;
  duration: number;
}

/** Every long task of the page since it loaded (null when the browser has no 'longtask' entries). */
export class LongTasks {
  readonly supported: boolean;
  private readonly tasks: LongTask[] = [];

  constructor() {
    this.supported = PerformanceObserver.supportedEntryTypes.includes('longtask');
    if (!this.supported) return;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) this.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  }

  /** Tasks that overlap [from, to]. */
  between(from: number, to: number): LongTask[] {
    return this.tasks.filter((t) => t.start <= to && t.start + t.duration >= from);
  }
}

/** The q-quantile (0..1) of a series by nearest rank; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Resolves after `n` animation frames. */
export function frames(n: number): Promise<void> {
  return new Promise((resolve) => {
    let left = n;
    const step = (): void => {
      if (--left <= 0) resolve();
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}

/**
 * A 32-bit FNV-1a-style hash over the payload's 32-bit words (a quarter of the steps of a byte hash:
 * ~0.1 ms per 256 KiB, cheap enough for the main thread while streaming) plus its length, as 8 hex digits.
 */
export function payloadHash(bytes: Uint8Array): string {
  let h = 0x811c9dc5 ^ bytes.length;
  const words = bytes.byteOffset % 4 === 0 ? Math.floor(bytes.length / 4) : 0;
  if (words > 0) {
    const w = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
    for (let i = 0; i < words; i++) h = Math.imul(h ^ w[i]!, 0x01000193);
  }
  for (let i = words * 4; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
