// The demo's archive (build/assets/demo.rez, made by the asset build) opened with the Node decoders.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { Formats } from '../../../../engine/streaming/formats/formats.js';
import type { RezArchive } from '../../../../engine/streaming/formats/rez-archive.js';
import { sourceFromBytes } from '../../../../engine/streaming/formats/sources.js';

export const DEMO_REZ = resolve(import.meta.dirname, '../../../../build/assets/demo.rez');

export interface DemoArchive {
  formats: Formats;
  archive: RezArchive;
  bytes: Uint8Array;
  close(): void;
}

export async function openDemo(formats?: Formats): Promise<DemoArchive> {
  const own = formats === undefined;
  const f = formats ?? (await Formats.load());
  const bytes = new Uint8Array(readFileSync(DEMO_REZ));
  const archive = await f.openRez(sourceFromBytes(bytes, 'demo.rez'));
  return {
    formats: f, archive, bytes,
    close: () => {
      archive.close();
      if (own) f.dispose();
    },
  };
}
