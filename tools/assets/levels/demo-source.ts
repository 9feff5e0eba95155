// The demo's sources as the generated levels start from them: the WwdSpec of assets/levels/LEVEL1.json
// (planes, tile descriptions, header paths) and every file of demo.rez, built by the demo packer itself,
// so a generated archive reuses the demo's PIDs, ANIs and palette byte for byte.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Formats } from '@openclaw/memory-sdk';

import { Fields } from '../pack/json.js';
import { levelSpec } from '../pack/level.js';
import { fill, readManifest, type Manifest } from '../pack/manifest.js';
import { buildFiles, type PackedFile } from '../pack/pack.js';
import { readPalette } from '../pack/palette.js';
import type { WwdSpec } from '../pack/wwd-writer.js';

/** The repository's assets/ folder, found from this file (tools/assets/levels/ -> ../../../assets). */
export const DEFAULT_ASSETS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../assets');

export interface DemoSource {
  manifest: Manifest;
  /** The demo level, exactly as the packer writes it into WORLD.WWD. */
  level: WwdSpec;
  /** The REZ path of the level's WWD (/LEVEL1/WORLDS/WORLD.WWD). */
  wwdPath: string;
}

export function readDemoSource(assets = DEFAULT_ASSETS): DemoSource {
  const manifest = readManifest(Fields.read(join(assets, 'demo.json'), 'demo.json'));
  const palette = readPalette(Fields.read(join(assets, manifest.palette.source), manifest.palette.source));
  const paths = manifest.levels[0];
  if (paths === undefined) throw new Error('demo.json lists no level');
  const level = levelSpec(
    Fields.read(join(assets, paths.source), paths.source), Fields.read(join(assets, paths.tileAttributes), paths.tileAttributes),
    palette, paths, (set) => fill(manifest.imageSetName, { name: set }), new Set(manifest.images.sets),
  );
  return { manifest, level, wwdPath: paths.rez };
}

/**
 * What the generators use of the decoders: the PID encoder and the REZ packer. Structural, so the
 * package's Formats (the command lines, the build) and the engine sources' (tests) both fit.
 */
export type PackingFormats = Pick<Formats, 'encodePid' | 'packRez'>;

/** Every file of demo.rez, in archive order (the packer's buildFiles: deterministic). */
export function demoFiles(formats: PackingFormats, assets = DEFAULT_ASSETS): PackedFile[] {
  // buildFiles takes the whole Formats class but calls encodePid alone (pack/images.ts).
  return buildFiles(assets, formats as Formats);
}
