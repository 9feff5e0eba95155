// How the spawners (browser-workers.ts, node-workers.ts) tell the pool that a worker died: once, whatever
// the cause (an uncaught error, an exit, an unreadable message, a terminate()).
/** A worker's death, told once to every onDeath listener (for the spawners' SpawnedWorker). */
export function deathNotice(): { die(reason: string): void; onDeath(listener: (reason: string) => void): void } {
  const listeners: ((reason: string) => void)[] = [];
  let dead = false;
  return {
    die(reason) {
      if (dead) return;
      dead = true;
      for (const listener of listeners) listener(reason);
    },
    onDeath: (listener) => void listeners.push(listener),
  };
}
