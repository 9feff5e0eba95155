// claw-snap diff A B [--json] [--base FILE]: restores both snapshots, compares the region images and
// names the owner of every differing byte range (model.ts).
import { expectPositionals, parseCommand } from '../shared/args.js';
import type { CommandContext } from './context.js';
import { EXIT_INVALID, EXIT_OK } from '../shared/errors.js';
import { readInput } from './files.js';
import { decodeFile, inspectFile, type Decoded, type Loaded } from './image.js';
import type { Owner } from './model.js';
import { bytesText, hex32, hex64, offsetHex, runsText } from './text.js';
import { DIFF_USAGE } from './usage.js';

const PAGE = 4096;

export interface Difference {
  description: string;
  owner: Owner['detail'];
  /** Set when B's owner of these bytes is not A's (the allocators themselves differ). */
  ownerB?: Owner['detail'];
  /** Pool slots: the slot's live handle in A and in B (null: free there). */
  handleA?: string | null;
  handleB?: string | null;
  bytes: number;
  ranges: Array<[number, number]>;
}

/** Maximal runs [start, end) of differing bytes; bytes past an image's end count as zero. */
export function differingRuns(a: Uint8Array, b: Uint8Array): { pages: number[]; runs: Array<[number, number]> } {
  const len = Math.max(a.length, b.length);
  const pages: number[] = [];
  const runs: Array<[number, number]> = [];
  const wa = a.length % 4 === 0 ? new Uint32Array(a.buffer, a.byteOffset, a.length / 4) : null;
  const wb = b.length % 4 === 0 ? new Uint32Array(b.buffer, b.byteOffset, b.length / 4) : null;
  for (let p = 0; p * PAGE < len; p++) {
    const start = p * PAGE;
    const end = Math.min(start + PAGE, len);
    // Whole words first: most pages are equal, and a word compare is four byte compares.
    if (wa !== null && wb !== null && end <= a.length && end <= b.length && start % 4 === 0 && end % 4 === 0) {
      let same = true;
      for (let w = start >> 2; w < end >> 2; w++) {
        if (wa[w] !== wb[w]) {
          same = false;
          break;
        }
      }
      if (same) continue;
    }
    let any = false;
    for (let i = start; i < end; i++) {
      if ((a[i] ?? 0) === (b[i] ?? 0)) continue;
      any = true;
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === i) last[1] = i + 1;
      else runs.push([i, i + 1]);
    }
    if (any) pages.push(p);
  }
  return { pages, runs };
}

const BEYOND: Owner = { key: 'beyond-size', text: "bytes past this image's region size", detail: { kind: 'beyond-size' }, until: Number.MAX_SAFE_INTEGER };

function ownerIn(d: Decoded, offset: number): Owner {
  return offset < d.image.length ? d.model.owner(offset) : BEYOND;
}

function handleText(h: number | null): string | null {
  return h === null ? null : hex32(h);
}

/** Groups the differing runs by owner, in order of first appearance. */
export function attribute(a: Decoded, b: Decoded, runs: ReadonlyArray<[number, number]>): Difference[] {
  const byKey = new Map<string, Difference>();
  for (const [s, e] of runs) {
    for (let o = s; o < e;) {
      const oa = ownerIn(a, o);
      const ob = ownerIn(b, o);
      const next = Math.max(o + 1, Math.min(e, oa.until, ob.until));
      const key = oa.key === ob.key ? oa.key : `${oa.key}|${ob.key}`;
      let d = byKey.get(key);
      if (d === undefined) {
        d = { description: oa.key === ob.key ? oa.text : `A: ${oa.text}; B: ${ob.text}`, owner: oa.detail, bytes: 0, ranges: [] };
        if (oa.key !== ob.key) d.ownerB = ob.detail;
        if (oa.detail.kind === 'pool-slot' || ob.detail.kind === 'pool-slot') {
          const slotOf = (x: Owner) => (x.detail.kind === 'pool-slot' ? [x.detail.pool as number, x.detail.slot as number] as const : null);
          const sa = slotOf(oa);
          const sb = slotOf(ob);
          d.handleA = sa === null ? null : handleText(a.model.handleOf(sa[0], sa[1]));
          d.handleB = sb === null ? null : handleText(b.model.handleOf(sb[0], sb[1]));
        }
        byKey.set(key, d);
      }
      d.bytes += next - o;
      const last = d.ranges[d.ranges.length - 1];
      if (last !== undefined && last[1] === o) last[1] = next;
      else d.ranges.push([o, next]);
      o = next;
    }
  }
  return [...byKey.values()];
}

function side(d: Loaded) {
  return {
    file: d.name, frame: d.info.frame.toString(), delta: d.info.delta, regionSize: d.info.regionSize,
    regionUsed: d.info.regionUsed, imageHash: hex64(d.info.imageHash),
  };
}

function differenceText(d: Difference): string {
  let who = d.description;
  if (d.handleA !== undefined || d.handleB !== undefined) {
    const h = (x: string | null | undefined) => (x === null || x === undefined ? 'free' : `live as ${x}`);
    who += ` (A: ${h(d.handleA)}, B: ${h(d.handleB)})`;
  }
  const shown = d.ranges.slice(0, 4).map(([s, e]) => `[${offsetHex(s)}, ${offsetHex(e)})`);
  if (d.ranges.length > 4) shown.push(`... (${d.ranges.length - 4} more ranges)`);
  return `  ${who}: ${d.bytes} byte${d.bytes === 1 ? '' : 's'} in ${shown.join(' ')}`;
}

export async function diffCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(argv, { json: { type: 'boolean' }, base: { type: 'string' } });
  if (parsed.help) return ctx.help(DIFF_USAGE);
  const [fileA, fileB] = expectPositionals(parsed, ['A', 'B']) as [string, string];
  const bytesA = await readInput(fileA);
  const bytesB = await readInput(fileB);
  const baseName = parsed.strings.base;
  const baseBytes = baseName === undefined ? undefined : await readInput(baseName);

  const loadedA = await inspectFile(ctx.scratch, fileA, bytesA);
  const loadedB = await inspectFile(ctx.scratch, fileB, bytesB);
  const base = baseName !== undefined && baseBytes !== undefined ? await inspectFile(ctx.scratch, baseName, baseBytes) : undefined;
  for (const x of [loadedA, loadedB]) ctx.progress.consider(x.bytes.length);

  const a = await decodeFile(ctx.scratch, loadedA, base, ctx.progress);
  const b = await decodeFile(ctx.scratch, loadedB, base, ctx.progress);
  ctx.progress.step('comparing the images', Math.max(a.image.length, b.image.length));
  const { pages, runs } = differingRuns(a.image, b.image);
  const differences = attribute(a, b, runs);
  const pageCount = Math.ceil(Math.max(a.image.length, b.image.length) / PAGE);

  if (parsed.flags.json === true) {
    ctx.out(JSON.stringify({ a: side(a), b: side(b), identical: differences.length === 0, pageSize: PAGE, pagesCompared: pageCount, pages, differences }, null, 2));
  } else {
    for (const [label, d] of [['A', a], ['B', b]] as const) {
      ctx.out(`${label}  ${d.name}  frame ${d.info.frame}  region ${bytesText(d.info.regionSize)}, used ${d.info.regionUsed}  image hash ${hex64(d.info.imageHash)}`);
    }
    if (differences.length === 0) {
      ctx.out(`identical region images (${pageCount} pages compared)`);
    } else {
      ctx.out(`${pages.length} of ${pageCount} pages differ: ${runsText(pages)}`);
      ctx.out(`${differences.length} difference${differences.length === 1 ? '' : 's'} by owner:`);
      for (const d of differences) ctx.out(differenceText(d));
    }
  }
  return differences.length === 0 ? EXIT_OK : EXIT_INVALID;
}
