// The bench's file server, in a process of its own so that serving never counts as the measured main
// thread's time: serves the files of one folder, prints its port on stdout, exits when stdin closes.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

const dir = process.argv[2];
const server = createServer(async (req, res) => {
  try {
    const body = await readFile(join(dir, basename(new URL(req.url ?? '/', 'http://x').pathname)));
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
