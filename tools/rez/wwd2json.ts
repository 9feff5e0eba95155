// claw-rez wwd2json: a WWD level as JSON, tile grids as rows and objects without their default fields.
import type { WwdLevel, WwdObject, WwdPlane } from '@openclaw/memory-sdk';

import { parseCommand } from '../shared/args.js';
import { EXIT_OK } from '../shared/errors.js';
import { writeOutput } from '../snap/files.js';
import type { RezContext } from './context.js';
import { loadTarget } from './target.js';
import { WWD2JSON_USAGE } from './usage.js';

export interface Wwd2JsonOptions {
  objects: boolean;
  tiles: boolean;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isDefault(value: unknown): boolean {
  if (value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.every((v) => v === 0);
  if (value !== null && typeof value === 'object') return Object.values(value).every((v) => v === 0);
  return false;
}

/** An object's fields that are not 0, "" or all-zero; id and logic always. */
export function objectJson(object: WwdObject): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(object) as Array<[string, Json]>) {
    if (key === 'id' || key === 'logic' || !isDefault(value)) out[key] = value;
  }
  return out;
}

function rows(plane: WwdPlane): number[][] {
  const grid: number[][] = [];
  for (let y = 0; y < plane.tilesY; y++) grid.push([...plane.tiles.subarray(y * plane.tilesX, (y + 1) * plane.tilesX)]);
  return grid;
}

function planeJson(plane: WwdPlane, options: Wwd2JsonOptions): Record<string, Json> {
  const { tiles: _tiles, objects, imageSets, ...fields } = plane;
  const out: Record<string, Json> = { ...fields, imageSets };
  if (options.tiles) out.tiles = rows(plane);
  if (options.objects) out.objects = objects.map(objectJson);
  return out;
}

export function levelJson(level: WwdLevel, options: Wwd2JsonOptions): Record<string, Json> {
  return {
    header: { ...level.header },
    planes: level.planes.map((p) => planeJson(p, options)),
    tileDescriptions: level.tileDescriptions.map((d) => ({ ...d, rect: { ...d.rect } })),
  };
}

/** JSON with two-space indents, but arrays of numbers (tile rows, user values) on one line. */
export function prettyJson(value: Json, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'number')) return `[${value.join(', ')}]`;
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${prettyJson(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${prettyJson(value[k]!, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export async function wwd2jsonCommand(argv: readonly string[], ctx: RezContext): Promise<number> {
  const parsed = parseCommand(argv, {
    output: { type: 'string', short: 'o' },
    'no-objects': { type: 'boolean' },
    'no-tiles': { type: 'boolean' },
  });
  if (parsed.help) return ctx.help(WWD2JSON_USAGE);
  const target = await loadTarget(ctx, parsed.positionals, 'FILE.WWD');
  const level = await (await ctx.formats()).readWwd(target.bytes);
  const text = `${prettyJson(levelJson(level, {
    objects: parsed.flags['no-objects'] !== true, tiles: parsed.flags['no-tiles'] !== true,
  }))}\n`;
  const output = parsed.strings.output;
  if (output === undefined || output === '-') process.stdout.write(text);
  else await writeOutput(output, text);
  return EXIT_OK;
}
