// The order workloads run in, the same for both builds (native-legacy/bench/main.cpp does this for
// the native program): "once" workloads first, in a fresh heap; then warm-up passes (rep <= 0) and
// measured passes (rep 1..reps), each pass running every workload once, so that an allocator and its
// baseline are always measured side by side under the same machine load.
export interface WorkloadRef {
  index: number;
  name: string;
  once: boolean;
}

export interface Step {
  workload: WorkloadRef;
  rep: number;
}

export function plan(workloads: readonly WorkloadRef[], reps: number, warmup: number): Step[] {
  const steps: Step[] = workloads.filter((w) => w.once).map((w) => ({ workload: w, rep: 1 }));
  const timed = workloads.filter((w) => !w.once);
  for (let rep = 1 - warmup; rep <= reps; rep++) {
    for (const w of timed) steps.push({ workload: w, rep });
  }
  return steps;
}

/** "rep 3/9", or "warm-up 1/2" for passes that are not measured. */
export function repLabel(rep: number, reps: number, warmup: number): string {
  return rep >= 1 ? `rep ${rep}/${reps}` : `warm-up ${rep + warmup}/${warmup}`;
}
