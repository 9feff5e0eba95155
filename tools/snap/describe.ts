// What `info` shows and `export` embeds: a snapshot's header and chunk table as the core parsed them
// (engine.inspectSnapshot), plus the pages its PAGE chunk holds, read from the chunk's bitmap
// (format.h: ceil(pages / 8) bytes, bit p & 7 of byte p >> 3, at the start of the payload).
import type { SnapshotChunk, SnapshotInfo } from '@openclaw/memory-sdk';

import { hex64 } from './text.js';

export interface ChunkJson {
  index: number;
  kind: string;
  id: number;
  offset: number;
  size: number;
  regionOffset: number;
  regionLength: number;
  checksum: string;
}

export interface HeaderJson {
  version: number;
  minVersion: number;
  delta: boolean;
  sealed: boolean;
  layoutId: string;
  /** u64, in decimal. */
  frame: string;
  regionSize: number;
  regionUsed: number;
  pageSize: number;
  pageCount: number;
  pagesPresent: number;
  totalSize: number;
  imageHash: string;
  baseHash: string;
  wholeChecksum: string;
}

export interface Description {
  header: HeaderJson;
  chunks: ChunkJson[];
  /** Indices of the pages the PAGE chunk holds (a delta: the pages that differ from its base). */
  pages: number[];
}

export function headerJson(info: SnapshotInfo): HeaderJson {
  return {
    version: info.version,
    minVersion: info.minVersion,
    delta: info.delta,
    sealed: info.sealed,
    layoutId: hex64(info.layoutId),
    frame: info.frame.toString(),
    regionSize: info.regionSize,
    regionUsed: info.regionUsed,
    pageSize: info.pageSize,
    pageCount: info.pageCount,
    pagesPresent: info.pagesPresent,
    totalSize: info.totalSize,
    imageHash: hex64(info.imageHash),
    baseHash: hex64(info.baseHash),
    wholeChecksum: hex64(info.wholeChecksum),
  };
}

export function chunkJson(chunk: SnapshotChunk, index: number): ChunkJson {
  return {
    index,
    kind: chunk.kind,
    id: chunk.id,
    offset: chunk.offset,
    size: chunk.size,
    regionOffset: chunk.regionOffset,
    regionLength: chunk.regionLength,
    checksum: hex64(chunk.checksum),
  };
}

/** The present pages, from the PAGE chunk's bitmap (the core has bounds-checked the chunk). */
export function pagesPresent(bytes: Uint8Array, info: SnapshotInfo): number[] {
  const chunk = info.chunks.find((c) => c.kind === 'PAGE');
  if (chunk === undefined) return [];
  const pages: number[] = [];
  const bitmapBytes = Math.ceil(info.pageCount / 8);
  for (let i = 0; i < bitmapBytes && i < chunk.size; i++) {
    const b = bytes[chunk.offset + i]!;
    if (b === 0) continue;
    for (let bit = 0; bit < 8; bit++) {
      const p = i * 8 + bit;
      if ((b >> bit) & 1 && p < info.pageCount) pages.push(p);
    }
  }
  return pages;
}

export function describe(bytes: Uint8Array, info: SnapshotInfo): Description {
  return { header: headerJson(info), chunks: info.chunks.map(chunkJson), pages: pagesPresent(bytes, info) };
}
