// The JSON description `export` writes and `import` reads (format "claw-snap-export", version 1):
// the snapshot's header and chunk table, the allocators of the region, every non-zero page of the
// decoded region image in base64, and the tracker report a TRAK chunk carries. Only `header`, `image`
// and `report` matter to import; the rest is for people.
// Parsing treats the file as untrusted: every field is checked and named in the error.
import type { ChunkJson, HeaderJson } from './describe.js';
import { InvalidInputError } from '../shared/errors.js';
import type { AllocatorInfo } from './model.js';

export const DESCRIPTION_FORMAT = 'claw-snap-export';
export const DESCRIPTION_VERSION = 1;
export const IMAGE_PAGE = 4096;
const MAX_REGION = 0xffff_f000; // the largest u32 that is a whole number of pages

export interface DescriptionJson {
  format: typeof DESCRIPTION_FORMAT;
  formatVersion: typeof DESCRIPTION_VERSION;
  /** The snapshot file it was made from (informative). */
  source: string;
  header: HeaderJson;
  chunks: ChunkJson[];
  allocators: AllocatorInfo[];
  image: {
    size: number;
    used: number;
    pageSize: number;
    encoding: 'base64';
    /** The non-zero pages of [0, size); every other byte is zero. */
    pages: Array<{ index: number; data: string }>;
  };
  /** The TRAK chunk's tracker report (UTF-8 JSON text), absent when the snapshot has none. */
  report?: string;
}

/** What import needs, validated. */
export interface ImportSpec {
  delta: boolean;
  sealed: boolean;
  layoutId: bigint;
  imageHash: bigint;
  size: number;
  pages: Array<{ index: number; bytes: Uint8Array }>;
  report: string | undefined;
}

function bad(path: string, why: string): InvalidInputError {
  return new InvalidInputError('InvalidDescriptionError', `${path}: ${why}`);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function field<T>(obj: Record<string, unknown>, name: string, path: string, check: (v: unknown) => v is T, what: string): T {
  const v = obj[name];
  if (!check(v)) throw bad(`${path}.${name}`, `expected ${what}, got ${JSON.stringify(v) ?? 'nothing'}`);
  return v;
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isString = (v: unknown): v is string => typeof v === 'string';
const isU32 = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffff_ffff;
const isHex64 = (v: unknown): v is string => typeof v === 'string' && /^0x[0-9a-fA-F]{1,16}$/.test(v);

// Strict base64: Node's decoder skips what it does not understand, which would hide damage.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parseDescription(text: string): ImportSpec {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError('InvalidDescriptionError', `not JSON: ${(err as Error).message}`);
  }
  if (!isRecord(data)) throw bad('(top level)', 'expected an object');
  if (data.format !== DESCRIPTION_FORMAT) throw bad('format', `expected "${DESCRIPTION_FORMAT}" (made by claw-snap export), got ${JSON.stringify(data.format) ?? 'nothing'}`);
  if (data.formatVersion !== DESCRIPTION_VERSION) throw bad('formatVersion', `this claw-snap reads version ${DESCRIPTION_VERSION}, got ${JSON.stringify(data.formatVersion) ?? 'nothing'}`);
  const header = data.header;
  if (!isRecord(header)) throw bad('header', 'expected an object');
  const image = data.image;
  if (!isRecord(image)) throw bad('image', 'expected an object');

  const delta = field(header, 'delta', 'header', isBool, 'true or false');
  const sealed = field(header, 'sealed', 'header', isBool, 'true or false');
  const layoutId = BigInt(field(header, 'layoutId', 'header', isHex64, 'a 64-bit hex string'));
  const imageHash = BigInt(field(header, 'imageHash', 'header', isHex64, 'a 64-bit hex string'));
  const regionSize = field(header, 'regionSize', 'header', isU32, 'a u32');
  const size = field(image, 'size', 'image', isU32, 'a u32');
  if (size !== regionSize) throw bad('image.size', `${size} differs from header.regionSize ${regionSize}`);
  if (size === 0 || size % IMAGE_PAGE !== 0 || size > MAX_REGION) throw bad('image.size', `${size} is not a whole number of ${IMAGE_PAGE}-byte pages from 1 to ${MAX_REGION / IMAGE_PAGE}`);
  if (image.pageSize !== IMAGE_PAGE) throw bad('image.pageSize', `expected ${IMAGE_PAGE}, got ${JSON.stringify(image.pageSize) ?? 'nothing'}`);
  if (image.encoding !== 'base64') throw bad('image.encoding', `expected "base64", got ${JSON.stringify(image.encoding) ?? 'nothing'}`);
  const list = image.pages;
  if (!Array.isArray(list)) throw bad('image.pages', 'expected an array');

  const seen = new Set<number>();
  const pages: ImportSpec['pages'] = [];
  list.forEach((entry: unknown, i: number) => {
    const path = `image.pages[${i}]`;
    if (!isRecord(entry)) throw bad(path, 'expected an object');
    const index = field(entry, 'index', path, isU32, 'a page index');
    if (index >= size / IMAGE_PAGE) throw bad(`${path}.index`, `page ${index} is outside the ${size / IMAGE_PAGE} pages of the region`);
    if (seen.has(index)) throw bad(`${path}.index`, `page ${index} appears twice`);
    seen.add(index);
    const text = field(entry, 'data', path, isString, 'a base64 string');
    if (!BASE64.test(text) || text.length % 4 !== 0) throw bad(`${path}.data`, 'not valid base64');
    const bytes = new Uint8Array(Buffer.from(text, 'base64'));
    if (bytes.length !== IMAGE_PAGE) throw bad(`${path}.data`, `decodes to ${bytes.length} bytes, a page has ${IMAGE_PAGE}`);
    pages.push({ index, bytes });
  });
  const report = data.report;
  if (report !== undefined && (typeof report !== 'string' || report.length === 0)) throw bad('report', 'expected the report\'s JSON text');
  if (report !== undefined && delta) throw bad('report', 'a delta snapshot carries no report');
  return { delta, sealed, layoutId, imageHash, size, pages, report };
}

/** The non-zero pages of an image. */
export function imagePages(image: Uint8Array): DescriptionJson['image']['pages'] {
  const out: DescriptionJson['image']['pages'] = [];
  const words = new Uint32Array(image.buffer, image.byteOffset, Math.floor(image.length / 4));
  for (let p = 0; p * IMAGE_PAGE < image.length; p++) {
    let zero = true;
    for (let w = (p * IMAGE_PAGE) >> 2; w < ((p + 1) * IMAGE_PAGE) >> 2; w++) {
      if (words[w] !== 0) {
        zero = false;
        break;
      }
    }
    if (!zero) out.push({ index: p, data: Buffer.from(image.buffer, image.byteOffset + p * IMAGE_PAGE, IMAGE_PAGE).toString('base64') });
  }
  return out;
}
