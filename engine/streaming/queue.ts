// The queue of loads waiting for a worker: three FIFOs, served frame first, then area, then background.
// A job raised to a higher priority (a more urgent duplicate request) joins the end of that FIFO: among
// the jobs of one priority, whoever asked for it at that priority first is served first.
export type Priority = 'frame' | 'area' | 'background';

export const PRIORITIES: readonly Priority[] = ['frame', 'area', 'background'];

/** Lower is more urgent. */
export function priorityRank(p: Priority): number {
  return p === 'frame' ? 0 : p === 'area' ? 1 : 2;
}

export function isPriority(p: unknown): p is Priority {
  return p === 'frame' || p === 'area' || p === 'background';
}

export interface Queued {
  priority: Priority;
}

export class PriorityQueue<T extends Queued> {
  // Sets keep insertion order and delete in O(1): a cancelled job leaves its FIFO at once.
  private readonly lanes: Record<Priority, Set<T>> = { frame: new Set(), area: new Set(), background: new Set() };

  get size(): number {
    return this.lanes.frame.size + this.lanes.area.size + this.lanes.background.size;
  }

  count(p: Priority): number {
    return this.lanes[p].size;
  }

  has(job: T): boolean {
    return this.lanes[job.priority].has(job);
  }

  push(job: T): void {
    this.lanes[job.priority].add(job);
  }

  /** The most urgent job, removed; undefined when empty. */
  shift(): T | undefined {
    for (const p of PRIORITIES) {
      const lane = this.lanes[p];
      for (const job of lane) {
        lane.delete(job);
        return job;
      }
    }
    return undefined;
  }

  /** Removes a queued job; false when it was not queued. */
  remove(job: T): boolean {
    return this.lanes[job.priority].delete(job);
  }

  /** Sets a job's priority to `p` when that is more urgent (moving it if queued); returns whether it rose. */
  raise(job: T, p: Priority): boolean {
    if (priorityRank(p) >= priorityRank(job.priority)) return false;
    const queued = this.remove(job);
    job.priority = p;
    if (queued) this.push(job);
    return true;
  }

  /** Empties the queue, returning its jobs in service order. */
  drain(): T[] {
    const all = [...this.lanes.frame, ...this.lanes.area, ...this.lanes.background];
    for (const p of PRIORITIES) this.lanes[p].clear();
    return all;
  }
}
