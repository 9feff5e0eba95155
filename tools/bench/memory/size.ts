// The size of the shipped core module: raw bytes and gzip (level 9, what a server would send).
import { readFile } from 'node:fs/promises';
import { gzipSync, constants } from 'node:zlib';

export interface WasmSize {
  file: string;
  raw: number;
  gzip: number;
}

export async function measureWasmSize(file: string): Promise<WasmSize> {
  const bytes = await readFile(file);
  const gzip = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
  return { file, raw: bytes.length, gzip };
}
