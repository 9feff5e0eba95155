// A real HTTP server for the streamer tests: serves several files by path (with Range support, so an
// archive is read by entries), counts the requests per path in order, and misbehaves per path on demand:
// an HTTP status, a reset connection, or a gate that holds the answer until the test opens it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = { status: number } | 'reset' | 'gate';

export interface AssetServer {
  /** The URL of a path ("/a.pid" -> "http://127.0.0.1:port/a.pid"). */
  url(path: string): string;
  /** Requests received for a path. */
  hits(path: string): number;
  /** Paths of every request, in arrival order. */
  readonly log: readonly string[];
  set(path: string, bytes: Uint8Array): void;
  behave(path: string, behaviour: Behaviour | undefined): void;
  /** Resolves when the server has received `count` requests for `path`. */
  seen(path: string, count?: number): Promise<void>;
  /** Answers the requests held by a gate on `path` and removes the gate. */
  open(path: string): void;
  close(): Promise<void>;
}

export async function startAssetServer(files: Record<string, Uint8Array> = {}): Promise<AssetServer> {
  const bodies = new Map(Object.entries(files));
  const behaviours = new Map<string, Behaviour>();
  const held = new Map<string, (() => void)[]>();
  const counts = new Map<string, number>();
  const log: string[] = [];
  const watchers: { path: string; count: number; resolve: () => void }[] = [];

  const serve = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const body = bodies.get(path);
    if (body === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const match = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (match === null) {
      res.writeHead(200, { 'Content-Length': String(body.length), 'Content-Type': 'application/octet-stream' });
      res.end(body);
      return;
    }
    const start = Number(match[1]);
    const end = Math.min(Number(match[2]), body.length - 1);
    if (start >= body.length) {
      res.writeHead(416, { 'Content-Range': `bytes */${body.length}` });
      res.end();
      return;
    }
    res.writeHead(206, {
      'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${body.length}`,
      'Content-Type': 'application/octet-stream',
    });
    res.end(body.subarray(start, end + 1));
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    log.push(path);
    counts.set(path, (counts.get(path) ?? 0) + 1);
    for (const w of [...watchers]) {
      if (w.path === path && (counts.get(path) ?? 0) >= w.count) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    }
    const behaviour = behaviours.get(path);
    if (behaviour === 'reset') {
      req.socket.destroy();
      return;
    }
    if (behaviour === 'gate') {
      const list = held.get(path) ?? [];
      list.push(() => serve(req, res, path));
      held.set(path, list);
      return;
    }
    if (behaviour !== undefined) {
      res.writeHead(behaviour.status, { 'Content-Type': 'text/plain' });
      res.end(`status ${behaviour.status}`);
      return;
    }
    serve(req, res, path);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits: (path) => counts.get(path) ?? 0,
    log,
    set: (path, bytes) => void bodies.set(path, bytes),
    behave: (path, behaviour) => {
      if (behaviour === undefined) behaviours.delete(path);
      else behaviours.set(path, behaviour);
    },
    seen: (path, count = 1) => new Promise<void>((resolve) => {
      if ((counts.get(path) ?? 0) >= count) resolve();
      else watchers.push({ path, count, resolve });
    }),
    open: (path) => {
      behaviours.delete(path);
      for (const answer of held.get(path) ?? []) answer();
      held.delete(path);
    },
    close: () => new Promise<void>((resolve, reject) => {
      for (const path of [...held.keys()]) {
        behaviours.delete(path);
        held.delete(path);
      }
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}
