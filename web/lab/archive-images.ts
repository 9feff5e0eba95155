// Images of an open archive: the palette a PID is drawn with, and drawing decoded RGBA on a canvas.
// A PID without its own palette takes its level's (/LEVELn/PALETTES/MAIN.PAL, n from the PID's
// path), else the archive's first .PAL: the original keeps one palette per level, and the demo
// archive has only level 1's.
import type { DecodedImage, Formats, Palette, RezArchive } from '../../engine/index.js';

/** A decoded image and where its colours came from: 'embedded', a .PAL's path, or 'none'. */
export interface ArchiveImage {
  image: DecodedImage;
  palette: string;
}

/** How many screen pixels a source pixel takes in the browser's views. */
export const ZOOM = 2;

export class ArchiveImages {
  private readonly palettes = new Map<string, Promise<Palette>>();

  constructor(private readonly formats: Formats, private readonly archive: RezArchive) {}

  /** Decodes a PID with its embedded palette, else its level's, else the archive's first. */
  async decode(path: string): Promise<ArchiveImage> {
    const pid = await this.archive.read(path);
    if (this.formats.pidInfo(pid).hasPalette) return { image: this.formats.decodePid(pid, null), palette: 'embedded' };
    const chosen = this.palettePathFor(path);
    // An archive without any .PAL: decodePid(pid, null) refuses with an InvalidArgumentError, shown as such.
    const palette = chosen === null ? null : await this.palette(chosen);
    return { image: this.formats.decodePid(pid, palette), palette: chosen ?? 'none' };
  }

  /** The .PAL a PID at `path` is drawn with when it has none of its own (null: none in the archive). */
  palettePathFor(path: string): string | null {
    const level = /^[\\/]?(LEVEL\d+)[\\/]/i.exec(path)?.[1]?.toUpperCase();
    const candidate = level === undefined ? null : `/${level}/PALETTES/MAIN.PAL`;
    return candidate !== null && this.archive.has(candidate) ? candidate : this.firstPal();
  }

  private palette(chosen: string): Promise<Palette> {
    let palette = this.palettes.get(chosen);
    if (palette === undefined) {
      palette = this.archive.read(chosen).then((pal) => this.formats.readPalette(pal));
      // A failed read is not cached: the next image tries again (and shows the same typed error).
      palette.catch(() => this.palettes.delete(chosen));
      this.palettes.set(chosen, palette);
    }
    return palette;
  }

  private firstPal(): string | null {
    for (const entry of this.archive.files()) if (/\.pal$/i.test(entry.name)) return entry.path;
    return null;
  }
}

/** Draws an image at ZOOM on `canvas` (resized to fit), pixel-exact. */
export function drawImage(canvas: HTMLCanvasElement, image: DecodedImage): void {
  canvas.width = image.width * ZOOM;
  canvas.height = image.height * ZOOM;
  canvas.dataset.width = String(image.width);
  canvas.dataset.height = String(image.height);
  const ctx = canvas.getContext('2d');
  if (!ctx || image.width === 0 || image.height === 0) return;
  ctx.imageSmoothingEnabled = false;
  const source = document.createElement('canvas');
  source.width = image.width;
  source.height = image.height;
  const sourceCtx = source.getContext('2d');
  if (!sourceCtx) return;
  const rgba = new Uint8ClampedArray(image.rgba.length);
  rgba.set(image.rgba);
  sourceCtx.putImageData(new ImageData(rgba, image.width, image.height), 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
}
