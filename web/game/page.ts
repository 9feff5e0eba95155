// The game page's shell (web/game/shell.ts): it owns the engine, the game, the streamer, the fixed-step
// loop, the renderer, the HUD, the loading screen and the current level, and is what the save menu, the
// rewind key and the archive picker are installed on. One step = the input bits of this moment ->
// game.step (tick + engine.endFrame) -> the onStep handlers; one animation frame = the steps due, then
// one render (views -> pixi), the HUD and the overlay. Steady state allocates nothing per frame: the
// handler list is an array walked by index and the HUD's figures go through one reused object.
import { WorldStatus, type AssetStreamer, type BundleProgress, type Engine, type Formats, type Game, type SnapshotStore } from '../../engine/index.js';
import type { TextureBridge } from '../../engine/streaming/pixi/texture-bridge.js';
import type { DebugOverlay } from '../overlay/index.js';
import { Hud, type HudValues } from './hud.js';
import type { GameInput } from './input.js';
import { LevelSession, type ArchiveChoice, type LeakCheck, type PreparedLevel, type SessionDeps } from './level-session.js';
import { LoadingScreen } from './loading.js';
import { FixedStepLoop } from './loop.js';
import type { Messages } from './messages.js';
import type { GameRenderer } from './renderer.js';
import type { SessionRecording } from './recording.js';
import { restartRewind } from './rewind.js';
import type { GameShell, LevelDescription, MessageKind } from './shell.js';

export interface PageParts {
  engine: Engine;
  game: Game;
  store: SnapshotStore;
  streamer: AssetStreamer;
  formats: Formats;
  bridge: TextureBridge;
  renderer: GameRenderer;
  input: GameInput;
  messages: Messages;
  ui: HTMLElement;
  demoUrl: string;
}

const NO_LEVEL: LevelDescription = { name: '', number: 0, archive: 'demo' };

export class GamePage implements GameShell {
  readonly engine: Engine;
  readonly game: Game;
  readonly store: SnapshotStore;
  readonly streamer: AssetStreamer;
  readonly ui: HTMLElement;
  readonly loop: FixedStepLoop;
  readonly hud: Hud;
  readonly loading: LoadingScreen;
  overlay: DebugOverlay | null = null;
  session: LevelSession | null = null;
  /** The last level unload's leak check (tests, the overlay's message). */
  lastLeakCheck: LeakCheck | null = null;
  /** Input bits forced by tests instead of the keyboard (null: the keyboard and pads). */
  forcedInput: number | null = null;
  /** The first-frame bundle's last progress report (the loading bar's figures). */
  lastProgress: BundleProgress | null = null;
  /** The input recording (recording.ts): restarted whenever the state is replaced. */
  recording: SessionRecording | null = null;
  private readonly parts: PageParts;
  private readonly stepHandlers: (() => void)[] = [];
  private readonly hudValues: HudValues = { score: 0, health: 0, lives: 0, status: 0, treasureTaken: 0, treasureTotal: 0 };
  private archive: ArchiveChoice;
  /** Every level load and archive switch runs after the ones before it, one at a time. */
  private switching: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private readonly busyHandlers: ((busy: boolean) => void)[] = [];
  private cancelStart: (() => void) | null = null;

  constructor(parts: PageParts) {
    this.parts = parts;
    this.engine = parts.engine;
    this.game = parts.game;
    this.store = parts.store;
    this.streamer = parts.streamer;
    this.ui = parts.ui;
    this.archive = { kind: 'demo', url: parts.demoUrl };
    this.hud = new Hud(parts.ui);
    this.loading = new LoadingScreen(parts.ui);
    this.loop = new FixedStepLoop({ step: () => this.step(), render: () => this.render() });
    this.loop.pause('loading');
    // After the level end or the last life, Enter plays the level again (a fresh load: its leak check runs).
    parts.input.bind('Enter', (down) => {
      const status = this.game.world.status;
      if (!down || this.session === null || this.loop.paused || this.busy) return;
      if (status !== WorldStatus.Complete && status !== WorldStatus.GameOver) return;
      this.reloadLevel().then(() => this.start(), (err: unknown) => {
        this.message(`The level could not be loaded again: ${err instanceof Error ? err.message : String(err)}`, 'error');
      });
    });
  }

  get canvas(): HTMLCanvasElement {
    return this.parts.renderer.canvas;
  }

  get paused(): boolean {
    return this.loop.paused;
  }

  get busy(): boolean {
    return this.pending > 0;
  }

  onBusyChange(handler: (busy: boolean) => void): () => void {
    this.busyHandlers.push(handler);
    return () => {
      const i = this.busyHandlers.indexOf(handler);
      if (i >= 0) this.busyHandlers.splice(i, 1);
    };
  }

  level(): LevelDescription {
    return this.session?.description ?? NO_LEVEL;
  }

  pause(reason: string): void {
    this.loop.pause(reason);
    if (this.loop.paused) this.parts.input.setEnabled(false);
  }

  resume(reason: string): void {
    this.loop.resume(reason);
    if (!this.loop.paused) this.parts.input.setEnabled(true);
  }

  message(text: string, kind: MessageKind = 'info'): void {
    this.parts.messages.show(text, kind);
  }

  stateReplaced(): void {
    this.parts.renderer.invalidate();
    this.hud.invalidate();
    // The tracker's records were replaced with the state: the level's leak check starts again here.
    this.session?.remark();
    this.recording?.restart();
    // A step that failed on the old state does not hold the new one.
    this.resume('error');
  }

  bindKey(code: string, handler: (down: boolean, event: KeyboardEvent) => void): () => void {
    return this.parts.input.bind(code, handler);
  }

  onStep(handler: () => void): () => void {
    this.stepHandlers.push(handler);
    return () => {
      const i = this.stepHandlers.indexOf(handler);
      if (i >= 0) this.stepHandlers.splice(i, 1);
    };
  }

  setFrameOverride(handler: (() => void) | null, cancelled?: () => void): void {
    this.loop.setOverride(handler, cancelled ?? null);
  }

  switchArchive(source: { kind: 'demo' } | { kind: 'player'; blob: Blob; name: string }): Promise<void> {
    const choice: ArchiveChoice = source.kind === 'demo' ? { kind: 'demo', url: this.parts.demoUrl } : source;
    return this.loadArchive(choice, true);
  }

  /**
   * Loads level 1 of an archive behind the loading screen, after the loads queued before it; the game
   * waits for a key afterwards. The new archive and level are read first: if that fails, the level that
   * was running goes on as it was. Only then is the current level closed (with its leak check); a
   * failure after that loads the previous archive again (so the page is never left without a level).
   */
  loadArchive(choice: ArchiveChoice, forgetPrevious: boolean): Promise<void> {
    return this.enqueue(async () => {
      await this.switchLevel(choice, forgetPrevious);
    });
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    this.setPending(+1);
    const run = this.switching.then(work);
    const settled = run.then(() => this.setPending(-1), () => this.setPending(-1));
    this.switching = settled;
    return run;
  }

  private setPending(delta: number): void {
    const was = this.busy;
    this.pending += delta;
    if (this.busy === was) return;
    const handlers = this.busyHandlers.slice();
    for (const h of handlers) h(this.busy);
  }

  private sessionDeps(): SessionDeps {
    const { engine, game, formats, streamer, bridge } = this.parts;
    return { engine, game, formats, streamer, bridge };
  }

  /** One load (run by the queue only): the unload's leak check, null when no level was running. */
  private async switchLevel(choice: ArchiveChoice, forgetPrevious: boolean): Promise<LeakCheck | null> {
    const previous = this.archive;
    const running = this.session;
    const waiting = this.cancelStart !== null;
    const deps = this.sessionDeps();
    const onStep = (text: string): void => this.loading.setStep(text);
    this.pause('loading');
    this.loading.show(titleOf(choice), 'Starting…');
    let prepared: PreparedLevel;
    try {
      prepared = await LevelSession.prepare(deps, choice, 1, onStep);
    } catch (err) {
      if (running !== null) {
        // The running level was not touched: it goes on (the caller says why the other one failed).
        if (waiting) {
          this.loading.show(titleOf(previous), running.description.name);
          this.loading.ready('Press any key to start');
        } else {
          this.loading.hide();
        }
        this.resume('loading');
      } else {
        this.loading.failed(describe(err));
      }
      throw err;
    }
    const check = this.closeLevel(forgetPrevious);
    let session: LevelSession;
    try {
      session = await LevelSession.start(deps, prepared, onStep, (p) => {
        this.lastProgress = p;
        this.loading.progress(p);
      });
    } catch (err) {
      // The previous level is gone by now: load its archive again, unless it was this very load.
      if (running !== null && previous !== choice) {
        await this.switchLevel(previous, true).catch(() => undefined);
        throw err;
      }
      this.loading.failed(describe(err));
      throw err;
    }
    this.session = session;
    this.archive = choice;
    this.parts.renderer.setScene(session.scene);
    restartRewind(this.engine);
    this.recording?.restart();
    this.hud.invalidate();
    for (const text of session.scene.planes.refused) this.message(text, 'error');
    this.loading.setStep(session.description.name);
    this.loading.ready('Press any key to start');
    this.resume('loading');
    // A simulation error of the old level does not hold the new one.
    this.resume('error');
    this.pause('start');
    this.waitForStart();
    return check;
  }

  /** Unloads the current level (its leak check goes to lastLeakCheck and, if it found any, a message). */
  closeLevel(forgetArchive: boolean): LeakCheck | null {
    const session = this.session;
    if (session === null) return null;
    this.session = null;
    this.parts.renderer.setScene(null);
    const name = session.description.name;
    const check = session.close(forgetArchive);
    this.lastLeakCheck = check;
    this.overlay?.reportLeakCheck({ label: `Level unload (${name})`, ...check });
    if (check.result === 'leaks') {
      this.message(`Level unload: ${check.leaks} blocks (${check.bytes} B) still allocated — ${check.lines.join('; ')}`, 'error');
      console.warn('level unload leak check:', check);
    } else if (check.result === 'ok') {
      this.message(`Level unloaded: no leaks (leaksSince the load's mark is empty)`);
    } else {
      this.message('Level unloaded: the leak check was skipped (a load or rewind replaced the tracker records)');
    }
    return check;
  }

  /**
   * Unloads and loads the current level again (restart after game over; the leak-check test hook),
   * after the loads queued before it; resolves with the unload's leak check.
   */
  reloadLevel(): Promise<LeakCheck | null> {
    return this.enqueue(() => this.switchLevel(this.archive, false));
  }

  /** Starts the game (the loading screen's "Press any key"). */
  start(): void {
    this.cancelStart?.();
    this.cancelStart = null;
    this.loading.hide();
    this.resume('start');
  }

  /** One simulation step with `input` (the loop's steps read the keyboard and pads). */
  stepWith(input: number): void {
    this.game.step(input);
    const handlers = this.stepHandlers;
    for (let i = 0; i < handlers.length; i++) handlers[i]!();
  }

  render(): void {
    // Waiting on the loading screen: a pad button starts the game too (keys and clicks have listeners).
    if (this.cancelStart !== null && this.parts.input.padBits() !== 0) this.start();
    const world = this.game.world;
    this.parts.renderer.render(world, this.game.entities);
    const v = this.hudValues;
    v.score = world.score;
    v.health = world.health;
    v.lives = world.lives;
    v.status = world.status;
    v.treasureTaken = world.treasureTaken;
    v.treasureTotal = world.treasureTotal;
    this.hud.update(v);
    this.overlay?.update();
  }

  private step(): void {
    if (this.session === null) return;
    try {
      this.stepWith(this.forcedInput ?? this.parts.input.bits());
    } catch (err) {
      // A failing step would fail again every frame: hold the game and say why.
      this.pause('error');
      this.message(`The simulation stopped: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`, 'error');
    }
  }

  private waitForStart(): void {
    this.cancelStart?.();
    const go = (event: Event): void => {
      // The overlay's key and browser shortcuts do not start the game.
      if (event instanceof KeyboardEvent && (event.code === 'Backquote' || event.ctrlKey || event.metaKey || event.altKey)) return;
      this.start();
    };
    window.addEventListener('keydown', go, true);
    this.loading.node.addEventListener('pointerdown', go);
    this.cancelStart = () => {
      window.removeEventListener('keydown', go, true);
      this.loading.node.removeEventListener('pointerdown', go);
    };
  }
}

function titleOf(choice: ArchiveChoice): string {
  return choice.kind === 'demo' ? 'OpenClaw — demo level' : `OpenClaw — ${choice.name}`;
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
