// One level being played: its archive (the page's demo.rez by URL, or a player's file by slices), its
// LevelSource and asset lists (engine/game), what the renderer draws (planes, sprites, textures), and
// the leak check around it — a tracker mark before the level loads, leaksSince(mark) after it is
// unloaded, which must list nothing (the level's every block is freed). Opening streams the first
// playable frame as one bundle (the loading bar), then the rest in the background, nearest first.
import type { AssetStreamer, BundleProgress, Engine, Formats, Game, LevelSummary, RezArchive } from '../../engine/index.js';
import {
  levelAssets, openLevel, sourceFromBlob, sourceFromUrl, UnknownMarkError, type ByteSource, type LevelAssets, type LevelSource,
} from '../../engine/index.js';
import type { TextureBridge } from '../../engine/streaming/pixi/texture-bridge.js';
import { levelArt, type LevelArt } from './level-art.js';
import { TilePlanes } from './planes.js';
import { VIEW_HEIGHT, VIEW_WIDTH, type LevelScene } from './renderer.js';
import type { LevelDescription } from './shell.js';
import { EntitySprites } from './sprites.js';
import { LevelTextures } from './textures.js';

export type ArchiveChoice = { kind: 'demo'; url: string } | { kind: 'player'; blob: Blob; name: string };

/** The result of the leak check of an unload. */
export interface LeakCheck {
  /** Live allocations made after the level's mark (0 when the level freed everything). */
  leaks: number;
  bytes: number;
  /** 'ok', 'leaks', or 'expired' when a restore or rewind replaced the tracker's records since the mark. */
  result: 'ok' | 'leaks' | 'expired';
  /** One line per leak group (tag, site, count, bytes) for the message. */
  lines: string[];
}

/** A level read from its archive but not yet in the game (LevelSession.prepare). */
export class PreparedLevel {
  private discarded = false;

  constructor(
    readonly choice: ArchiveChoice,
    readonly number: number,
    readonly archive: RezArchive,
    private readonly archiveSource: ByteSource,
    readonly archiveUrl: string,
    readonly revoke: (() => void) | null,
    readonly source: LevelSource,
    readonly art: LevelArt,
    readonly assets: LevelAssets,
  ) {}

  /** Bytes of the archive read on this page so far (its directory, the WWD, the ANIs). */
  archiveBytesRead(): number {
    return this.archiveSource.bytesRead;
  }

  /** Closes the archive (a prepared level that will not be started). Idempotent. */
  discard(): void {
    if (this.discarded) return;
    this.discarded = true;
    this.archive.close();
    this.revoke?.();
  }
}

export interface SessionDeps {
  engine: Engine;
  game: Game;
  formats: Formats;
  streamer: AssetStreamer;
  bridge: TextureBridge;
}

export class LevelSession {
  readonly scene: LevelScene;
  background: Promise<void> = Promise.resolve();
  /**
   * Archive bytes read when the first-frame bundle had finished, before the background stream: what the
   * page read itself (directory, WWD, ANIs) plus the bundle's file bytes (the bench's first-frame figure).
   */
  firstPlayableBytes = 0;
  private mark = 0;
  private closed = false;

  private constructor(
    private readonly deps: SessionDeps,
    readonly description: LevelDescription,
    readonly source: LevelSource,
    readonly assets: LevelAssets,
    readonly summary: LevelSummary,
    readonly textures: LevelTextures,
    private readonly archive: RezArchive,
    /** The archive's name for the streamer's workers (its URL, or an object URL of the player's file). */
    readonly archiveUrl: string,
    private readonly revoke: (() => void) | null,
    scene: LevelScene,
  ) {
    this.scene = scene;
  }

  /**
   * Reads level `number` of the archive without touching the game: the archive's directory, the WWD, the
   * art (ANIs) and the asset lists. A broken archive or level fails here, while the running level still
   * plays; discard() the result if it is not started.
   */
  static async prepare(
    deps: SessionDeps, choice: ArchiveChoice, number: number, onStep: (text: string) => void,
  ): Promise<PreparedLevel> {
    const { formats } = deps;
    onStep('Opening the archive…');
    let archiveUrl: string;
    let revoke: (() => void) | null = null;
    let source: ByteSource;
    if (choice.kind === 'demo') {
      archiveUrl = choice.url;
      source = await sourceFromUrl(choice.url);
    } else {
      source = sourceFromBlob(choice.blob, choice.name);
      // The workers read the player's file by slices too: an object URL answers ranges, nothing is uploaded.
      archiveUrl = URL.createObjectURL(choice.blob);
      revoke = () => URL.revokeObjectURL(archiveUrl);
    }
    let archive: RezArchive | null = null;
    try {
      archive = await formats.openRez(source);
      onStep('Reading the level…');
      const level = await openLevel(archive, formats, number);
      const art = await levelArt(level, formats);
      const assets = levelAssets(level, { archive: archiveUrl, screenWidth: VIEW_WIDTH, screenHeight: VIEW_HEIGHT });
      return new PreparedLevel(choice, number, archive, source, archiveUrl, revoke, level, art, assets);
    } catch (err) {
      archive?.close();
      revoke?.();
      throw err;
    }
  }

  /**
   * Loads a prepared level into the game (which must have no level) and streams its first frame;
   * `onStep` names each phase for the loading screen. On failure the prepared level is discarded and
   * the game has no level.
   */
  static async start(
    deps: SessionDeps, prepared: PreparedLevel,
    onStep: (text: string) => void, onProgress: (p: BundleProgress) => void,
  ): Promise<LevelSession> {
    const { engine, game, streamer, bridge } = deps;
    const { source, art, assets, archive, archiveUrl, number, choice } = prepared;
    const textures = new LevelTextures(streamer, bridge, engine.cache);
    let loaded = false;
    let mark = 0;
    try {
      onStep('Building the world…');
      mark = engine.tracker.mark();
      const summary = await game.loadLevel(source.raw);
      loaded = true;
      onStep('Streaming the first screen…');
      let bundleBytes = 0;
      await textures.loadBundle(assets.firstFrame.map((a) => a.request), (p) => {
        bundleBytes = p.bytesLoaded;
        onProgress(p);
      });
      const firstPlayableBytes = prepared.archiveBytesRead() + bundleBytes;
      const main = source.wwd.planes[source.mainPlane]!;
      const planes = new TilePlanes(source.wwd, source.mainPlane, (p, id) => source.tilePath(p, id), VIEW_WIDTH, VIEW_HEIGHT);
      const sprites = new EntitySprites(art.clips, art.fallbacks);
      const scene: LevelScene = { planes, sprites, textures, width: main.tilesX * main.tileWidth, height: main.tilesY * main.tileHeight };
      const description: LevelDescription = {
        name: source.wwd.header.levelName.trim() || `Level ${number}`,
        number,
        archive: choice.kind,
      };
      const session = new LevelSession(deps, description, source, assets, summary, textures, archive, archiveUrl, prepared.revoke, scene);
      session.mark = mark;
      session.firstPlayableBytes = firstPlayableBytes;
      // Images the clips need that the level's lists lack (none for the demo) join the background stream.
      const listed = new Set([...assets.firstFrame, ...assets.rest].map((a) => a.path.toUpperCase()));
      const palette = { archive: archiveUrl, path: source.palettePath };
      const extra = art.images.filter((p) => !listed.has(p.toUpperCase()) && archive.has(p))
        .map((path) => ({ source: { archive: archiveUrl, path }, decode: 'image' as const, palette }));
      session.background = textures.stream([...assets.rest.map((a) => a.request), ...extra], 'background');
      return session;
    } catch (err) {
      // What streamed from this archive must not answer for another archive's paths later.
      textures.forgetArchive();
      if (loaded) game.unloadLevel();
      prepared.discard();
      throw err;
    }
  }

  /** The level's asset lists in figures (the loading screen, tests). */
  figures(): { firstFrameItems: number; firstFrameBytes: number; totalItems: number; totalBytes: number } {
    const a = this.assets;
    return { firstFrameItems: a.firstFrame.length, firstFrameBytes: a.firstFrameBytes, totalItems: a.firstFrame.length + a.rest.length, totalBytes: a.totalBytes };
  }

  /** A load or rewind replaced the tracker's view of the state: the leak check starts from here. */
  remark(): void {
    this.mark = this.deps.engine.tracker.mark();
  }

  /**
   * Unloads the level from the game and checks for leaks; `forgetArchive` also drops the archive's
   * entries from the cache (switching archives). Idempotent: the second call reports 'ok' with nothing.
   */
  close(forgetArchive: boolean): LeakCheck {
    if (this.closed) return { leaks: 0, bytes: 0, result: 'ok', lines: [] };
    this.closed = true;
    const { engine, game } = this.deps;
    game.unloadLevel();
    let check: LeakCheck;
    try {
      const groups = engine.tracker.leaksSince(this.mark);
      const leaks = groups.reduce((s, g) => s + g.count, 0);
      const bytes = groups.reduce((s, g) => s + g.bytes, 0);
      check = {
        leaks, bytes, result: leaks === 0 ? 'ok' : 'leaks',
        lines: groups.map((g) => `${g.tag} ${g.site}: ${g.count} blocks, ${g.bytes} B`),
      };
    } catch (err) {
      if (!(err instanceof UnknownMarkError)) throw err;
      check = { leaks: 0, bytes: 0, result: 'expired', lines: [] };
    }
    if (forgetArchive) this.textures.forgetArchive();
    else this.textures.releaseAll();
    this.scene.planes.destroy();
    this.scene.sprites.destroy();
    this.archive.close();
    this.revoke?.();
    return check;
  }
}
