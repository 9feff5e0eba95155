// A real HTTP server for the source tests: serves one file (or buffer) with or without Range support,
// or misbehaves in one chosen way, and counts the body bytes it sent and the requests it answered.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServerMode =
  | 'range'        // honours Range with 206 + Content-Range
  | 'no-range'     // ignores Range: 200 and the whole body
  | 'status'       // answers `status` to everything
  | 'short'        // honours Range, but later ranges break off after half their bytes
  | 'short-full'   // ignores Range and breaks off the whole body after half of it
  | 'wrong-range'; // the probe is fine, later ranges name another Content-Range

export interface TestServer {
  readonly url: string;
  /** Body bytes written so far. */
  readonly bytesSent: number;
  /** Range headers received, in order ('' when absent). */
  readonly ranges: readonly string[];
  mode: ServerMode;
  status: number;
  close(): Promise<void>;
}

type Body = { kind: 'file'; path: string } | { kind: 'bytes'; bytes: Uint8Array };

export async function startServer(body: Body, mode: ServerMode = 'range'): Promise<TestServer> {
  const size = body.kind === 'file' ? (await stat(body.path)).size : body.bytes.length;
  let bytesSent = 0;
  const ranges: string[] = [];
  const state = { mode, status: 404 };

  const send = (res: ServerResponse, start: number, end: number, cut: boolean): void => {
    // end is inclusive; a cut body stops after half and destroys the socket (Content-Length promised more).
    const last = cut ? start + Math.floor((end - start + 1) / 2) - 1 : end;
    if (last < start) {
      res.destroy();
      return;
    }
    if (body.kind === 'bytes') {
      const chunk = body.bytes.subarray(start, last + 1);
      bytesSent += chunk.length;
      if (cut) res.write(chunk, () => res.destroy());
      else res.end(chunk);
      return;
    }
    const stream = createReadStream(body.path, { start, end: last });
    stream.on('data', (chunk) => { bytesSent += chunk.length; });
    if (cut) {
      stream.on('end', () => res.destroy());
      stream.pipe(res, { end: false });
    } else {
      stream.pipe(res);
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const rangeHeader = req.headers.range ?? '';
    ranges.push(rangeHeader);
    if (state.mode === 'status') {
      res.writeHead(state.status, { 'Content-Type': 'text/plain' });
      res.end('nope');
      return;
    }
    const match = /^bytes=(\d+)-(\d+)$/.exec(rangeHeader);
    const ignoreRange = state.mode === 'no-range' || state.mode === 'short-full' || match === null;
    if (ignoreRange) {
      res.writeHead(200, { 'Content-Length': String(size), 'Content-Type': 'application/octet-stream' });
      send(res, 0, size - 1, state.mode === 'short-full');
      return;
    }
    const start = Number(match[1]);
    const end = Math.min(Number(match[2]), size - 1);
    if (start >= size) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` });
      res.end();
      return;
    }
    const isProbe = start === 0;
    const shift = state.mode === 'wrong-range' && !isProbe ? 1 : 0;
    res.writeHead(206, {
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start + shift}-${end + shift}/${size}`,
      'Content-Type': 'application/octet-stream',
    });
    send(res, start, end, state.mode === 'short' && !isProbe);
  };

  const server = createServer(handle);
  // fetch keeps connections alive: a server closing an idle one as the client reuses it resets it.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/archive.rez`,
    get bytesSent() { return bytesSent; },
    ranges,
    get mode() { return state.mode; },
    set mode(m: ServerMode) { state.mode = m; },
    get status() { return state.status; },
    set status(s: number) { state.status = s; },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}
