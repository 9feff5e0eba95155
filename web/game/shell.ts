// What the game page's parts share: the engine and its game, the save store, the streamer, the fixed-step
// loop's controls, the message line and the key bindings. main.ts builds one GameShell; the save menu,
// the rewind key and the archive picker (web/game/saves/, web/game/byo/) are installed on it and only
// talk to the game through it.
import type { AssetStreamer, Engine, Game, SnapshotStore } from '../../engine/index.js';

export type MessageKind = 'info' | 'error';

export interface LevelDescription {
  /** The WWD's level name ("Demo - Level 1", "Claw - Level 1"). */
  name: string;
  /** Level number in the archive (1 for /LEVEL1). */
  number: number;
  /** 'demo' for the bundled demo.rez, 'player' for an archive the player opened. */
  archive: 'demo' | 'player';
}

export interface GameShell {
  readonly engine: Engine;
  readonly game: Game;
  readonly store: SnapshotStore;
  readonly streamer: AssetStreamer;
  /** The element UI panels are appended to (above the canvas). */
  readonly ui: HTMLElement;
  /** The pixi canvas (for thumbnails: draw it into a small canvas). */
  readonly canvas: HTMLCanvasElement;
  level(): LevelDescription;
  /** True while a level or an archive is being loaded (queued loads included): saves and the picker wait. */
  readonly busy: boolean;
  /** Called with the new value whenever `busy` changes. Returns the unsubscription. */
  onBusyChange(handler: (busy: boolean) => void): () => void;
  /** Stops the fixed-step loop until every reason given is resumed (menus, modal errors). */
  pause(reason: string): void;
  resume(reason: string): void;
  readonly paused: boolean;
  /** A short message on screen for a few seconds; errors are red and stay longer. Never throws. */
  message(text: string, kind?: MessageKind): void;
  /**
   * Called after the state region was replaced (a load, a rewind): the renderer re-reads everything from
   * the views and the HUD refreshes, and a simulation error that held the game is cleared (the state it
   * failed on is gone); nothing else needs telling.
   */
  stateReplaced(): void;
  /** A key handler for keydown/keyup of `code` (KeyboardEvent.code); returns the unbinding function. */
  bindKey(code: string, handler: (down: boolean, event: KeyboardEvent) => void): () => void;
  /** Runs after every simulation step (the frame loop), e.g. the rewind recorder. Returns the unsubscription. */
  onStep(handler: () => void): () => void;
  /**
   * While set, the loop calls it each animation frame INSTEAD of stepping the simulation (rewind holds
   * the loop); null gives the loop back. Pausing removes it and calls `cancelled` (also called at once
   * when the shell is paused already): nothing overrides a paused game.
   */
  setFrameOverride(handler: (() => void) | null, cancelled?: () => void): void;
  /** Replaces the archive (the player's CLAW.REZ, or the demo again) and restarts at its level 1. */
  switchArchive(source: { kind: 'demo' } | { kind: 'player'; blob: Blob; name: string }): Promise<void>;
}
