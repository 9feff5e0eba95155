// Small formatting helpers shared by the commands' text and JSON output.

/** A u64 as 0x followed by 16 hex digits (checksums, layout ids). */
export function hex64(value: bigint): string {
  return `0x${value.toString(16).padStart(16, '0')}`;
}

/** A u32 as 0x followed by 8 hex digits (handles). */
export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}

/** A region offset in hex, as the core's headers print them. */
export function offsetHex(value: number): string {
  return `0x${value.toString(16)}`;
}

/** Bytes for people: "16.0 MiB", "4.0 KiB", "312 B". */
export function bytesText(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/** Sorted, distinct integers as inclusive runs: [0,1,2,5,7,8] -> [[0,2],[5,5],[7,8]]. */
export function runs(sorted: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/** Runs as text: "0-2, 5, 7-8" (at most `limit` runs, then "... (N more)"). */
export function runsText(sorted: readonly number[], limit = 32): string {
  if (sorted.length === 0) return 'none';
  const all = runs(sorted);
  const shown = all.slice(0, limit).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  if (all.length > limit) shown.push(`... (${all.length - limit} more runs)`);
  return shown.join(', ');
}

/** Left-aligned columns, two spaces apart. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
