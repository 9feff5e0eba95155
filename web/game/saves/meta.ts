// What a save remembers besides the state: the level, the score, when, and a thumbnail, for the slot
// list. SlotMeta holds JSON only, up to 64 KiB: the thumbnail is a small JPEG data URL (a few KiB).
// Read back defensively: a slot may have been written by another build, the lab, or an import.
import type { SlotInfo, SlotMeta } from '../../../engine/snapshot/store.js';
import type { GameShell } from '../shell.js';

export const THUMB_W = 160;
export const THUMB_H = 120;
/** Well under SlotMeta's 64 KiB: a thumbnail that would not fit is left out rather than failing the save. */
const MAX_THUMBNAIL_CHARS = 48 * 1024;

export interface SaveMeta {
  level: string;
  levelNumber: number;
  archive: 'demo' | 'player';
  score: number;
  time: string;
  frame: number;
  thumbnail: string;
}

/** What the slot list shows of a save; missing fields are undefined. */
export interface SaveSummary {
  slot: string;
  version: number;
  savedAt: number;
  level: string | undefined;
  archive: 'demo' | 'player' | undefined;
  score: number | undefined;
  thumbnail: string | undefined;
  imported: string | undefined;
}

export function saveMeta(shell: GameShell): SlotMeta {
  const level = shell.level();
  const meta: SaveMeta = {
    level: level.name,
    levelNumber: level.number,
    archive: level.archive,
    score: shell.game.world.score,
    time: new Date().toISOString(),
    frame: Number(shell.engine.frameNumber),
    thumbnail: thumbnail(shell.canvas),
  };
  return { ...meta };
}

/** The meta of an imported file: only where it came from (the file holds the state alone). */
export function importMeta(fileName: string): SlotMeta {
  return { imported: fileName.slice(0, 200), time: new Date().toISOString() };
}

export function summarize(info: SlotInfo): SaveSummary {
  const m = info.meta;
  const archive = m.archive === 'demo' || m.archive === 'player' ? m.archive : undefined;
  const thumb = typeof m.thumbnail === 'string' && m.thumbnail.startsWith('data:image/') ? m.thumbnail : undefined;
  return {
    slot: info.slot,
    version: info.version,
    savedAt: info.savedAt,
    level: typeof m.level === 'string' ? m.level : undefined,
    archive,
    score: typeof m.score === 'number' && Number.isFinite(m.score) ? m.score : undefined,
    thumbnail: thumb,
    imported: typeof m.imported === 'string' ? m.imported : undefined,
  };
}

/**
 * Why this save cannot be loaded into the running game, or null: a save of another level or archive
 * would put that level's state under the current archive's tiles and sprites. Imports carry no level
 * and are loaded as they are (the snapshot's own validation still applies).
 */
export function mismatch(shell: GameShell, info: SlotInfo): string | null {
  const s = summarize(info);
  const current = shell.level();
  if (s.archive !== undefined && s.archive !== current.archive) {
    return s.archive === 'player'
      ? 'it was made with your own CLAW.REZ: open that archive first ("Open CLAW.REZ"), then load it.'
      : 'it was made with the demo level: go back to the demo first, then load it.';
  }
  if (s.level !== undefined && s.level !== current.name) {
    return `it was made in "${s.level}", and "${current.name}" is running.`;
  }
  return null;
}

/** A small JPEG of the game canvas, or '' when the canvas cannot be read (tainted, lost context). */
function thumbnail(source: HTMLCanvasElement): string {
  try {
    const canvas = document.createElement('canvas');
    canvas.width = THUMB_W;
    canvas.height = THUMB_H;
    const ctx = canvas.getContext('2d');
    if (ctx === null || source.width === 0 || source.height === 0) return '';
    // Cover the 4:3 box: crop the source's longer side around its centre.
    const scale = Math.max(THUMB_W / source.width, THUMB_H / source.height);
    const sw = THUMB_W / scale;
    const sh = THUMB_H / scale;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, THUMB_W, THUMB_H);
    ctx.drawImage(source, (source.width - sw) / 2, (source.height - sh) / 2, sw, sh, 0, 0, THUMB_W, THUMB_H);
    const url = canvas.toDataURL('image/jpeg', 0.7);
    return url.length <= MAX_THUMBNAIL_CHARS ? url : '';
  } catch {
    return '';
  }
}
