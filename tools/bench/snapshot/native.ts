// Runs the native bench program's snapshot workload (oc-bench-memory snapshot-16mib, from
// native-legacy/bench/snapshot_workload.cpp) through the memory area's runner (protocol: ../memory/lines.ts).
import type { BuildRuns } from '../memory/lines.js';
import { runNative, type NativeOptions } from '../memory/native.js';

export const NATIVE_WORKLOAD = 'snapshot-16mib';

export async function runNativeSnapshot(binary: string, options: Omit<NativeOptions, 'workloads'>): Promise<BuildRuns> {
  const result = await runNative(binary, { ...options, workloads: [NATIVE_WORKLOAD] });
  if (result.error === undefined && !result.runs.some((r) => r.workload === NATIVE_WORKLOAD)) {
    return { ...result, error: `${binary} has no workload ${NATIVE_WORKLOAD}: rebuild it` };
  }
  return result;
}
