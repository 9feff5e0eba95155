// window.__game: the page's test hooks (Playwright drives the game through them; nothing else uses them).
//
//   ready            true once level 1 is loaded and its first screen streamed (the page then waits for a key)
//   error            the boot or level failure's text, else null
//   frame            the engine's frame counter (steps since the engine started)
//   world            every World figure as a plain object (a copy: read it again after stepping)
//   checksum()       the state region's checksum (engine.checksum()) as a decimal string
//   step(n, input)   n simulation steps with these input bits, synchronously (pause() first so that the
//                    loop does not step too), then one render; returns the new frame number
//   pause()/resume() hold / release the fixed-step loop (reason 'test')
//   start()          leaves the loading screen ("Press any key") without a key
//   setInput(bits)   the loop's steps use these bits instead of the keyboard (null: the keyboard again)
//   entities()       the live entities: { index, kind, state, x, y, flags, hp, variant, stateFrames }[]
//   progress         the first-frame bundle's last progress report
//   firstPlayableBytes archive bytes read when the level's first-frame bundle had finished (before the
//                    background stream): the page's own reads plus the bundle's; null without a level
//   assets()         the level's asset figures: first-frame and total items and bytes, textures loaded
//   leakCheck        the last level unload's leak check (null before the first unload)
//   reloadLevel()    unloads the level (leak check) and loads it again; resolves with the check
//   overlay(open)    opens or closes the debug overlay
//   shell            the GameShell (the save menu's and the archive picker's tests)
import type { BundleProgress, WorldFigures } from '../../engine/index.js';
import type { LeakCheck } from './level-session.js';
import type { GamePage } from './page.js';

export interface EntityInfo {
  index: number;
  kind: number;
  state: number;
  x: number;
  y: number;
  flags: number;
  hp: number;
  variant: number;
  stateFrames: number;
}

export interface GameHooks {
  ready: boolean;
  error: string | null;
  readonly frame: number;
  readonly world: WorldFigures;
  checksum(): string;
  step(n: number, input?: number): number;
  pause(): void;
  resume(): void;
  start(): void;
  setInput(bits: number | null): void;
  entities(): EntityInfo[];
  readonly progress: BundleProgress | null;
  readonly firstPlayableBytes: number | null;
  assets(): { firstFrameItems: number; firstFrameBytes: number; totalItems: number; totalBytes: number; textures: number; failed: number } | null;
  readonly leakCheck: LeakCheck | null;
  reloadLevel(): Promise<LeakCheck | null>;
  overlay(open: boolean): void;
  shell: GamePage | null;
}

/** The hooks before the page exists (ready false; error set if the boot fails). */
export function installHooks(): GameHooks {
  let page: GamePage | null = null;
  const need = (): GamePage => {
    if (page === null) throw new Error('__game: the game is not ready');
    return page;
  };
  const hooks: GameHooks = {
    ready: false,
    error: null,
    get progress() {
      return page?.lastProgress ?? null;
    },
    get firstPlayableBytes() {
      return page?.session?.firstPlayableBytes ?? null;
    },
    get frame() {
      return page === null ? 0 : Number(page.engine.frameNumber);
    },
    get world() {
      return need().game.world.figures();
    },
    checksum: () => need().game.checksum().toString(),
    step(n, input = 0) {
      const p = need();
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`__game.step: n must be a whole number >= 0, got ${n}`);
      for (let i = 0; i < n; i++) p.stepWith(input);
      p.render();
      return Number(p.engine.frameNumber);
    },
    pause: () => need().pause('test'),
    resume: () => need().resume('test'),
    start: () => need().start(),
    setInput(bits) {
      need().forcedInput = bits;
    },
    entities() {
      const e = need().game.entities;
      const out: EntityInfo[] = [];
      for (let i = 0; i < e.count; i++) {
        const kind = e.kind(i);
        if (kind === 0) continue;
        out.push({
          index: i, kind, state: e.state(i), x: e.x(i), y: e.y(i), flags: e.flags(i), hp: e.hp(i), variant: e.variant(i),
          stateFrames: e.stateFrames(i),
        });
      }
      return out;
    },
    assets() {
      const s = page?.session;
      if (s === null || s === undefined) return null;
      return { ...s.figures(), textures: s.textures.size, failed: s.textures.failed };
    },
    get leakCheck() {
      return page?.lastLeakCheck ?? null;
    },
    reloadLevel: () => need().reloadLevel(),
    overlay(open) {
      const o = need().overlay;
      if (open) o?.open();
      else o?.close();
    },
    get shell() {
      return page;
    },
    set shell(p) {
      page = p;
    },
  };
  // Not declared on Window globally: specs declare the part they use (tests/e2e/support/game.ts).
  (window as unknown as { __game: GameHooks }).__game = hooks;
  return hooks;
}
