// The fixed-step loop: the simulation advances in 60 Hz steps whatever the display's rate, with an
// accumulator of real time; after a stall (a slow frame, a background tab) it runs at most
// `maxCatchUp` steps and drops the rest of the debt, so the game slows down instead of spiralling.
// Pause reasons are counted by name (a menu and a modal error can both hold the game); the render
// callback runs every animation frame even while paused, so a load or a rewind shows at once.
// Nothing here allocates per frame: the rAF callback is one bound function made at construction.

export interface LoopOptions {
  /** Milliseconds per simulation step; default 1000 / 60. */
  stepMs?: number;
  /** Steps run at most per animation frame (the rest of the debt is dropped); default 4. */
  maxCatchUp?: number;
}

export interface LoopCallbacks {
  /** One simulation step. */
  step(): void;
  /** Draws the current state (every animation frame, paused or not). */
  render(): void;
}

export class FixedStepLoop {
  readonly stepMs: number;
  readonly maxCatchUp: number;
  private readonly reasons = new Set<string>();
  private override: (() => void) | null = null;
  private overrideCancelled: (() => void) | null = null;
  private accumulator = 0;
  private last = -1;
  private handle = 0;
  private running = false;
  /** Steps run since start (statistics and tests). */
  steps = 0;
  /** Steps dropped because a frame was late by more than maxCatchUp steps. */
  dropped = 0;

  constructor(private readonly callbacks: LoopCallbacks, options: LoopOptions = {}) {
    this.stepMs = options.stepMs ?? 1000 / 60;
    this.maxCatchUp = options.maxCatchUp ?? 4;
    if (!(this.stepMs > 0)) throw new RangeError(`stepMs must be > 0, not ${this.stepMs}`);
    if (!Number.isInteger(this.maxCatchUp) || this.maxCatchUp < 1) throw new RangeError(`maxCatchUp must be an integer >= 1, not ${this.maxCatchUp}`);
  }

  get paused(): boolean {
    return this.reasons.size > 0;
  }

  /** Why the loop is paused (tests and the HUD). */
  pauseReasons(): string[] {
    return [...this.reasons];
  }

  /** Holds the loop; an override in place (a rewind) ends here and hears it through its `cancelled`. */
  pause(reason: string): void {
    this.reasons.add(reason);
    const cancelled = this.overrideCancelled;
    if (this.override === null) return;
    this.override = null;
    this.overrideCancelled = null;
    cancelled?.();
  }

  resume(reason: string): void {
    if (!this.reasons.delete(reason)) return;
    // Time spent paused is not owed to the simulation.
    if (this.reasons.size === 0) this.accumulator = 0;
  }

  /**
   * While set, called each animation frame instead of stepping (rewind holds the loop). Never while
   * paused: pause() removes it and calls `cancelled`; setting one while paused is ignored.
   */
  setOverride(handler: (() => void) | null, cancelled: (() => void) | null = null): void {
    if (handler !== null && this.reasons.size > 0) {
      cancelled?.();
      return;
    }
    this.override = handler;
    this.overrideCancelled = handler === null ? null : cancelled;
    this.accumulator = 0;
  }

  /** True while an override runs the frames (tests). */
  get overridden(): boolean {
    return this.override !== null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.last = -1;
    this.handle = requestAnimationFrame(this.frame);
  }

  stop(): void {
    this.running = false;
    cancelAnimationFrame(this.handle);
  }

  /** Advances by `elapsedMs` of real time: the steps due, then one render. Exposed for tests. */
  advance(elapsedMs: number): void {
    if (this.override !== null && this.reasons.size === 0) {
      this.override();
    } else if (this.reasons.size === 0) {
      this.accumulator += elapsedMs;
      let n = 0;
      while (this.accumulator >= this.stepMs && n < this.maxCatchUp) {
        this.accumulator -= this.stepMs;
        this.callbacks.step();
        this.steps++;
        n++;
      }
      if (this.accumulator >= this.stepMs) {
        this.dropped += Math.floor(this.accumulator / this.stepMs);
        this.accumulator %= this.stepMs;
      }
    }
    this.callbacks.render();
  }

  private readonly frame = (now: number): void => {
    if (!this.running) return;
    const elapsed = this.last < 0 ? this.stepMs : Math.min(now - this.last, 250);
    this.last = now;
    try {
      this.advance(elapsed);
    } finally {
      if (this.running) this.handle = requestAnimationFrame(this.frame);
    }
  };
}
