// The build's stress-level step, for tools/setup/build.mjs to call after buildAssets and before
// buildWeb (the page serves the archive as ./stress-level.rez, so buildWeb should also list
// STRESS_LEVEL_REZ among its inputs). Runs tools/assets/levels/main.ts through tsx: the generator is
// not part of the compiled tools (tsconfig.tools.json), and `npm run build` always has the dev tools.
// Its PIDs are the demo packer's, encoded by the wasm core through the built package (build/dist),
// so a new core or engine rebuilds it, like demo.rez.
import { join } from 'node:path';

import { hashInputs } from '../../setup/stamps.mjs';
import { run, step } from '../../setup/steps.mjs';

export const STRESS_LEVEL_REZ = 'build/assets/web/stress-level.rez';

export async function buildStressLevel(root, stamps) {
  const hash = hashInputs(root, [
    'assets', 'tools/assets/levels', 'tools/assets/pack', 'tools/shared', 'engine',
    'build/wasm/openclaw_core.mjs', 'build/wasm/openclaw_core.wasm',
  ]);
  return step(`stress level (tools/assets/levels -> ${STRESS_LEVEL_REZ})`, async () => {
    if (stamps.fresh('stress-level', hash, [join(root, STRESS_LEVEL_REZ)])) return 'skipped: sources unchanged';
    await run(process.execPath, ['--import', 'tsx', 'tools/assets/levels/main.ts', '--out', STRESS_LEVEL_REZ, '--quiet'], { cwd: root });
    stamps.record('stress-level', hash);
  });
}
