// Run by store-crash.test.ts in a child process that is killed (SIGKILL) at a random moment: saves
// one slot in a loop, changing the state between saves, and reports each save once it resolved.
import { createEngine } from '../../../engine/index.js';
import { openSnapshotStore } from '../../../engine/snapshot/store.js';
import { Prng } from '../support/prng.js';

const [directory, seedText, stateText] = process.argv.slice(2);
if (directory === undefined) throw new Error('usage: store-crash-child <directory> <seed> <state bytes>');
const rng = new Prng(Number(seedText ?? 1));
const engine = await createEngine({ regions: { state: Number(stateText ?? 4 * 1024 * 1024), frame: 64 * 1024 } });
const blocks: [number, number][] = [];
for (let i = 0; i < 64; i++) {
  const size = 16 * 1024;
  const offset = engine.slab.alloc(size);
  engine.slab.bytes(offset, size).set(rng.bytes(size));
  blocks.push([offset, size]);
}
const store = await openSnapshotStore({ directory, history: 2 });
await store.list();
process.stdout.write('ready\n');
for (;;) {
  const [offset, size] = rng.pick(blocks);
  engine.slab.bytes(offset, size).set(rng.bytes(1024), rng.below(size - 1024));
  engine.endFrame();
  const info = await store.save('crash', engine);
  process.stdout.write(`saved ${info.version}\n`);
}
