// Stable resource ids, the keys of the resource cache: the same function as the core's resource_id()
// (native-legacy/resources/resource_id.h), so that TypeScript, workers and the core agree on every id.
// FNV-1a 64 over the UTF-8 bytes of the normalised path: ASCII letters lower-cased, '\' turned into
// '/', exactly one leading '/'. Bytes >= 0x80 pass unchanged (no locale folding).

/** A resource's cache key: a u64. */
export type ResourceId = bigint;

const encoder = new TextEncoder();

// 64-bit FNV-1a on four 16-bit limbs: BigInt arithmetic per byte would be ~20x slower.
const PRIME_LO = 0x01b3; // FNV prime 0x100000001b3 = 2^40 + 0x1b3
export function resourceId(path: string): ResourceId {
  const bytes = encoder.encode(path);
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x2f || bytes[i] === 0x5c)) i++;
  // Offset basis 0xcbf29ce484222325 as limbs, least significant first.
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  for (let k = i - 1; k < bytes.length; k++) {
    let c = k < i ? 0x2f : bytes[k]!;
    if (c === 0x5c) c = 0x2f;
    else if (c >= 0x41 && c <= 0x5a) c += 0x20;
    h0 ^= c;
    // h * (2^40 + 0x1b3) mod 2^64: h * 0x1b3 plus h shifted left by 40 bits (limb 2 and up, by 8).
    const t0 = h0 * PRIME_LO;
    const t1 = h1 * PRIME_LO + (t0 >>> 16);
    const t2 = h2 * PRIME_LO + (t1 >>> 16) + ((h0 << 8) & 0xffff);
    const t3 = h3 * PRIME_LO + (t2 >>> 16) + ((h0 >>> 8) & 0xff) + ((h1 << 8) & 0xffff);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return (BigInt(h3 * 0x10000 + h2) << 32n) | BigInt((h1 * 0x10000 + h0) >>> 0);
}
