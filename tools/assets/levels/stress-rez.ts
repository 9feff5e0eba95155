// The stress level's archive: demo.rez with its WORLD.WWD replaced by the stress level, every other
// file (palette, tiles, image sets, ANIs) byte for byte the demo's at the same REZ path, so the page
// opens it exactly as it opens demo.rez (level-source: level 1) and streams the same art.
import { DEFAULT_ASSETS, demoFiles, readDemoSource, type PackingFormats } from './demo-source.js';
import { makeStressLevel, type StressLevelOptions } from './stress-level.js';

/** Where the build writes it: a public file of the page, next to demo.rez (served as ./stress-level.rez). */
export const STRESS_REZ = 'build/assets/web/stress-level.rez';

export interface StressRezOptions extends StressLevelOptions {
  /** The demo's assets folder; default the repository's assets/. */
  assets?: string;
}

export function makeStressRez(formats: PackingFormats, options: StressRezOptions = {}): Uint8Array {
  const assets = options.assets ?? DEFAULT_ASSETS;
  const source = readDemoSource(assets);
  const wwd = makeStressLevel({ ...options, demo: options.demo ?? source.level });
  const files = demoFiles(formats, assets);
  const at = files.findIndex((f) => f.path === source.wwdPath);
  if (at < 0) throw new Error(`demo.rez has no ${source.wwdPath}`);
  files[at] = { ...files[at]!, bytes: wwd };
  return formats.packRez(files);
}
