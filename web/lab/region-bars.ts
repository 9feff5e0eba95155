// Usage bars of the engine's regions: bytes carved so far against the region's size.
import { Bar, el, fmtInt, LiveText } from './dom.js';
import type { Engine } from './engine-types.js';
import type { Live } from './frame-loop.js';

type Region = Engine['regions']['state'];

class RegionRow implements Live {
  readonly node: HTMLElement;
  private readonly used: LiveText;
  private readonly bar: Bar;

  constructor(private readonly region: Region, key: string) {
    const used = el('span', { testid: `region-${key}-used` });
    const size = el('span', { testid: `region-${key}-size`, text: fmtInt(region.size) });
    this.used = new LiveText(used);
    this.bar = new Bar(`region-${key}-bar`);
    this.node = el(
      'div',
      { class: 'region', testid: `region-${key}` },
      el('span', { class: 'region-name', text: key, title: region.name }),
      this.bar.node,
      el('span', { class: 'region-bytes' }, used, ' / ', size, ' B'),
    );
  }

  update(): void {
    const used = this.region.used;
    this.used.set(used);
    this.bar.set(used, this.region.size);
  }
}

export function regionRows(engine: Engine): RegionRow[] {
  const { state, frame, debug } = engine.regions;
  return [new RegionRow(state, 'state'), new RegionRow(frame, 'frame'), new RegionRow(debug, 'debug')];
}
