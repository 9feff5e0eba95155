// The "create pool" form. The engine validates the numbers (size 0, alignment not a power of two,
// capacity too large...) and its typed error goes to the banner; the form adds only what the page
// itself needs: a unique, non-empty name.
import type { ErrorBanner } from './error-banner.js';
import type { Engine, LabPool } from './engine-types.js';

export interface PoolSpec {
  name: string;
  slotSize: number;
  align: number;
  capacity: number;
  /** The tracker tag of the pool's allocations (the form's "tag" field, else the pool's name). */
  tag: string;
}

export function bindPoolForm(
  form: HTMLFormElement,
  engine: Engine,
  banner: ErrorBanner,
  onCreated: (pool: LabPool, spec: PoolSpec) => void,
): void {
  const names = new Set<string>();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const spec = readSpec(form);
    banner.guard(() => {
      if (spec.name === '') throw new Error('a pool needs a name');
      if (names.has(spec.name)) throw new Error(`a pool named "${spec.name}" already exists on this page`);
      const pool = engine.createPool(spec);
      names.add(spec.name);
      onCreated(pool, spec);
    });
  });
}

function readSpec(form: HTMLFormElement): PoolSpec {
  const data = new FormData(form);
  const num = (key: string): number => Number(data.get(key) ?? '');
  const name = String(data.get('name') ?? '').trim();
  return {
    name,
    slotSize: num('slotSize'),
    align: num('align'),
    capacity: num('capacity'),
    tag: String(data.get('tag') ?? '').trim() || name,
  };
}
