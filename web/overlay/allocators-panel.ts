// Occupancy of every allocator: one bar per pool (pool.occupancy(): a read of the pool header through
// a view), the slab (reserved bytes of its span), the frame arena (used of its capacity) and the
// regions (bytes carved of their size). Rows follow engine.pools(): pools created later get a row,
// pools that a restore removed lose theirs.
import { Bar, Cell, el, fmtBytes, fmtCount, panelBox, type Panel } from './dom.js';
import type { OverlayEngine, OverlayPool, OverlayRegion } from './engine-types.js';

class Row {
  readonly node: HTMLElement;
  readonly bar: Bar;
  readonly value: Cell;

  constructor(kind: string, name: string, title: string) {
    this.bar = new Bar(`overlay-${kind}-bar`);
    this.value = new Cell(el('span', { class: 'oc-ov-num', testid: `overlay-${kind}-value` }));
    this.node = el(
      'div',
      { class: 'oc-ov-alloc-row', testid: `overlay-${kind}-row`, title },
      el('span', { class: 'oc-ov-alloc-name', text: name }),
      this.bar.node,
      this.value.node,
    );
    this.node.dataset[kind] = name;
  }
}

class PoolRow extends Row {
  private readonly peak: HTMLElement;
  private lastLive = -1;
  private lastPeak = -1;

  constructor(pool: OverlayPool) {
    super('pool', pool.name, `pool ${pool.name}: ${pool.slotSize} B slots`);
    this.peak = el('span', { class: 'oc-ov-peak' });
    this.bar.node.append(this.peak);
  }

  show(live: number, capacity: number, peak: number): void {
    this.bar.set(live, capacity);
    if (live !== this.lastLive) {
      this.lastLive = live;
      this.value.text(`${fmtCount(live)} / ${fmtCount(capacity)}`);
      this.node.dataset.live = String(live);
      this.node.dataset.capacity = String(capacity);
    }
    if (peak !== this.lastPeak) {
      this.lastPeak = peak;
      this.peak.style.left = `${capacity > 0 ? Math.min(100, (peak / capacity) * 100) : 0}%`;
      this.node.dataset.peak = String(peak);
    }
  }
}

export class AllocatorsPanel implements Panel {
  readonly node: HTMLElement;
  private readonly poolList = el('div', { class: 'oc-ov-alloc-list', testid: 'overlay-pools' });
  private readonly noPools = el('p', { class: 'oc-ov-note', text: 'No pools yet.' });
  private readonly pools = new Map<OverlayPool, PoolRow>();
  private readonly slab = new Row('slab', 'slab', 'slab: reserved bytes (pages, fallback blocks, metadata) of its span');
  private readonly arena = new Row('arena', 'frame arena', 'frame arena: bytes used of its capacity');
  private readonly regions: { region: OverlayRegion; row: Row }[] = [];

  constructor(private readonly engine: OverlayEngine) {
    const others = el('div', { class: 'oc-ov-alloc-list' }, this.slab.node, this.arena.node);
    const regionList = el('div', { class: 'oc-ov-alloc-list', testid: 'overlay-regions' });
    for (const [key, region] of Object.entries(engine.regions) as [string, OverlayRegion][]) {
      const row = new Row('region', key, `region ${key}: bytes carved of its size`);
      regionList.append(row.node);
      this.regions.push({ region, row });
    }
    this.node = panelBox('Allocators', 'overlay-allocators', this.poolList, this.noPools, others, regionList);
  }

  refresh(): void {
    this.syncPools();
    for (const [pool, row] of this.pools) {
      const o = pool.occupancy();
      row.show(o.live, o.capacity, o.peak);
    }
    const s = this.engine.slab.stats();
    this.slab.bar.set(s.reservedBytes, s.arenaBytes);
    this.slab.value.text(`${fmtBytes(s.liveBytes)} live · ${fmtBytes(s.reservedBytes)} / ${fmtBytes(s.arenaBytes)}`);
    const a = this.engine.frame.stats();
    this.arena.bar.set(a.used, a.capacity);
    this.arena.value.text(`${fmtBytes(a.used)} / ${fmtBytes(a.capacity)}`);
    for (const { region, row } of this.regions) {
      const used = region.used;
      row.bar.set(used, region.size);
      row.value.text(`${fmtBytes(used)} / ${fmtBytes(region.size)}`);
    }
  }

  private syncPools(): void {
    const current = this.engine.pools();
    let changed = current.length !== this.pools.size;
    for (const pool of current) if (!this.pools.has(pool)) changed = true;
    if (!changed) return;
    const keep = new Set(current);
    for (const [pool, row] of this.pools) {
      if (!keep.has(pool)) {
        row.node.remove();
        this.pools.delete(pool);
      }
    }
    for (const pool of current) {
      if (this.pools.has(pool)) continue;
      const row = new PoolRow(pool);
      this.pools.set(pool, row);
      this.poolList.append(row.node);
    }
    this.noPools.hidden = current.length > 0;
  }
}
