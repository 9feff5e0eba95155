// XXH3-64 with seed 0 and the default secret (the xxHash 0.8 specification), in plain TypeScript. The
// core computes the same hash (native-legacy/snapshot/checksum.h), but reaching it needs an engine;
// .clawinput files are checked here without one (a tool, a worker, a page before its engine exists).
// BigInt arithmetic: slow per byte next to the wasm kernel, fast enough for input recordings (one byte
// per frame, so an hour of play is 216,000 bytes). A test compares it with the core's oc_checksum64.

const MASK = (1n << 64n) - 1n;
const P32_1 = 0x9e3779b1n;
const P32_2 = 0x85ebca77n;
const P32_3 = 0xc2b2ae3dn;
const P64_1 = 0x9e3779b185ebca87n;
const P64_2 = 0xc2b2ae3d27d4eb4fn;
const P64_3 = 0x165667b19e3779f9n;
const P64_4 = 0x85ebca77c2b2ae63n;
const P64_5 = 0x27d4eb2f165667c5n;
const MX1 = 0x165667919e3779f9n;
const MX2 = 0x9fb21c651e98df25n;

// The specification's default secret (192 bytes).
const SECRET_HEX =
  'b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221' +
  'b8084674f743248ee03590e6813a264c3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8' +
  'a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364eac5ac8334d3ebc3c581a0fffa1363eb' +
  '170ddd51b7f0da49d316552629d4689e2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e';
const SECRET = new DataView(Uint8Array.from(SECRET_HEX.match(/../g)!, (h) => parseInt(h, 16)).buffer);
const SECRET_SIZE = 192;
const STRIPE = 64;
const STRIPES_PER_BLOCK = (SECRET_SIZE - STRIPE) / 8;
const BLOCK = STRIPE * STRIPES_PER_BLOCK;

const s64 = (at: number): bigint => SECRET.getBigUint64(at, true);
const s32 = (at: number): bigint => BigInt(SECRET.getUint32(at, true));

function mulFold(a: bigint, b: bigint): bigint {
  const p = a * b;
  return (p ^ (p >> 64n)) & MASK;
}

function avalanche(h: bigint): bigint {
  h ^= h >> 37n;
  h = (h * MX1) & MASK;
  return h ^ (h >> 32n);
}

function avalanche64(h: bigint): bigint {
  h ^= h >> 33n;
  h = (h * P64_2) & MASK;
  h ^= h >> 29n;
  h = (h * P64_3) & MASK;
  return h ^ (h >> 32n);
}

const rotl = (v: bigint, r: bigint): bigint => ((v << r) | (v >> (64n - r))) & MASK;

function swap64(v: bigint): bigint {
  let out = 0n;
  for (let i = 0; i < 8; i++) {
    out = (out << 8n) | (v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function mix16(d: DataView, at: number, secretAt: number): bigint {
  return mulFold(d.getBigUint64(at, true) ^ s64(secretAt), d.getBigUint64(at + 8, true) ^ s64(secretAt + 8));
}

function upTo16(d: DataView, len: number): bigint {
  if (len > 8) {
    const lo = d.getBigUint64(0, true) ^ (s64(24) ^ s64(32));
    const hi = d.getBigUint64(len - 8, true) ^ (s64(40) ^ s64(48));
    return avalanche((BigInt(len) + swap64(lo) + hi + mulFold(lo, hi)) & MASK);
  }
  if (len >= 4) {
    const first = BigInt(d.getUint32(0, true));
    const last = BigInt(d.getUint32(len - 4, true));
    let h = (last + (first << 32n)) ^ (s64(8) ^ s64(16));
    h ^= rotl(h, 49n) ^ rotl(h, 24n);
    h = (h * MX2) & MASK;
    h ^= (h >> 35n) + BigInt(len);
    h = (h * MX2) & MASK;
    return h ^ (h >> 28n);
  }
  if (len > 0) {
    const c1 = d.getUint8(0);
    const c2 = d.getUint8(len >> 1);
    const c3 = d.getUint8(len - 1);
    const combined = BigInt(((c1 << 16) | (c2 << 24) | c3 | (len << 8)) >>> 0);
    return avalanche64(combined ^ (s32(0) ^ s32(4)));
  }
  return avalanche64(s64(56) ^ s64(64));
}

function upTo128(d: DataView, len: number): bigint {
  let acc = (BigInt(len) * P64_1) & MASK;
  const pairs = len > 96 ? 4 : len > 64 ? 3 : len > 32 ? 2 : 1;
  for (let i = pairs - 1; i >= 0; i--) {
    acc += mix16(d, 16 * i, 32 * i) + mix16(d, len - 16 * (i + 1), 32 * i + 16);
  }
  return avalanche(acc & MASK);
}

function upTo240(d: DataView, len: number): bigint {
  let acc = (BigInt(len) * P64_1) & MASK;
  for (let i = 0; i < 8; i++) acc += mix16(d, 16 * i, 16 * i);
  acc = avalanche(acc & MASK);
  const rounds = Math.floor(len / 16);
  for (let i = 8; i < rounds; i++) acc += mix16(d, 16 * i, 16 * (i - 8) + 3);
  acc += mix16(d, len - 16, 136 - 17);
  return avalanche(acc & MASK);
}

function stripe(acc: bigint[], d: DataView, at: number, secretAt: number): void {
  for (let i = 0; i < 8; i++) {
    const value = d.getBigUint64(at + 8 * i, true);
    const keyed = value ^ s64(secretAt + 8 * i);
    acc[i ^ 1] = (acc[i ^ 1]! + value) & MASK;
    acc[i] = (acc[i]! + (keyed & 0xffffffffn) * (keyed >> 32n)) & MASK;
  }
}

function long(d: DataView, len: number): bigint {
  const acc = [P32_3, P64_1, P64_2, P64_3, P64_4, P32_2, P64_5, P32_1];
  const blocks = Math.floor((len - 1) / BLOCK);
  for (let b = 0; b < blocks; b++) {
    for (let s = 0; s < STRIPES_PER_BLOCK; s++) stripe(acc, d, b * BLOCK + s * STRIPE, s * 8);
    for (let i = 0; i < 8; i++) {
      let a = acc[i]!;
      a ^= a >> 47n;
      a ^= s64(SECRET_SIZE - STRIPE + 8 * i);
      acc[i] = (a * P32_1) & MASK;
    }
  }
  const stripes = Math.floor((len - 1 - blocks * BLOCK) / STRIPE);
  for (let s = 0; s < stripes; s++) stripe(acc, d, blocks * BLOCK + s * STRIPE, s * 8);
  stripe(acc, d, len - STRIPE, SECRET_SIZE - STRIPE - 7);
  let h = (BigInt(len) * P64_1) & MASK;
  for (let i = 0; i < 4; i++) {
    h += mulFold(acc[2 * i]! ^ s64(11 + 16 * i), acc[2 * i + 1]! ^ s64(11 + 16 * i + 8));
  }
  return avalanche(h & MASK);
}

/** XXH3-64 (seed 0) of `bytes`, equal to the core's checksum64 / oc_checksum64. */
export function xxh3(bytes: Uint8Array): bigint {
  const d = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  if (len <= 16) return upTo16(d, len);
  if (len <= 128) return upTo128(d, len);
  if (len <= 240) return upTo240(d, len);
  return long(d, len);
}
