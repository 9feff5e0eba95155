// gzip through the platform's CompressionStream / DecompressionStream (browsers, workers, Node >= 18):
// the wasm build has no zlib (Emscripten ports cannot be used here), and the host's is native code.
import { StorageError } from '../store-errors.js';

async function pipe(bytes: Uint8Array, transform: GenericTransformStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream('gzip'));
}

/** Inflates stored bytes; damaged data (a CRC or length mismatch, a cut stream) is a StorageError. */
export async function gunzip(bytes: Uint8Array, what: string): Promise<Uint8Array> {
  try {
    return await pipe(bytes, new DecompressionStream('gzip'));
  } catch (err) {
    throw new StorageError(`${what}: the stored data is damaged (gzip: ${(err as Error).message ?? String(err)})`, { cause: err });
  }
}
