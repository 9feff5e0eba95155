// The frame arena panel: bump allocations, markers pushed on a stack, unwind to the last marker,
// and the per-frame reset.
import { Bar, button, el, fmtHex32, fmtInt, labelled, numberInput, StatTable } from './dom.js';
import type { ErrorBanner } from './error-banner.js';
import type { Engine } from './engine-types.js';
import type { Live } from './frame-loop.js';

type Arena = Engine['frame'];
type Marker = ReturnType<Arena['marker']>;

const STAT_ROWS = [
  ['capacity', 'Capacity'],
  ['used', 'Used'],
  ['peak', 'Peak'],
  ['total-allocs', 'Total allocs'],
  ['resets', 'Resets'],
  ['failures', 'Failures'],
] as const;

export class ArenaPanel implements Live {
  private readonly stats = new StatTable('arena', STAT_ROWS);
  private readonly bar = new Bar('arena-bar');
  private readonly size = numberInput('size', 'arena-size', 256);
  private readonly markers: Marker[] = [];
  private readonly markerList = el('ol', { class: 'markers', testid: 'arena-markers' });
  private readonly lastOffset = el('code', { testid: 'arena-last-offset', text: '–' });

  constructor(
    root: HTMLElement,
    private readonly arena: Arena,
    private readonly banner: ErrorBanner,
  ) {
    const form = el(
      'div',
      { class: 'row-form' },
      labelled('Size (B)', this.size),
      button('Alloc', 'arena-alloc', () => this.banner.guard(() => this.alloc())),
      button('Push marker', 'arena-marker', () => this.banner.guard(() => this.pushMarker())),
      button('Unwind', 'arena-unwind', () => this.banner.guard(() => this.unwind())),
      button('Reset', 'arena-reset', () => this.banner.guard(() => this.reset())),
    );
    root.append(
      el('p', { class: 'muted', text: 'Scratch memory for one frame: bump allocation, scoped unwinds, one reset per frame.' }),
      form,
      el('div', { class: 'split' },
        el('div', {}, this.stats.node, this.bar.node),
        el('div', {},
          el('div', { class: 'caption' }, el('span', { text: 'Last allocation' }), this.lastOffset),
          el('div', { class: 'caption', text: 'Markers (top first)' }),
          this.markerList,
        ),
      ),
    );
  }

  update(): void {
    const s = this.arena.stats();
    this.stats.set('capacity', s.capacity);
    this.stats.set('used', s.used);
    this.stats.set('peak', s.peak);
    this.stats.set('total-allocs', s.totalAllocs);
    this.stats.set('resets', s.resets);
    this.stats.set('failures', s.failures);
    this.bar.set(s.used, s.capacity);
  }

  private alloc(): void {
    const offset = this.arena.alloc(Number(this.size.value));
    this.lastOffset.textContent = fmtHex32(offset);
  }

  private pushMarker(): void {
    this.markers.push(this.arena.marker());
    this.renderMarkers();
  }

  /** Unwinds to the most recent marker and pops it, like leaving a scope. */
  private unwind(): void {
    const marker = this.markers[this.markers.length - 1];
    if (marker === undefined) throw new Error('push a marker first');
    this.arena.unwind(marker);
    this.markers.pop();
    this.renderMarkers();
  }

  private reset(): void {
    this.arena.reset();
    // Markers above the arena's base are meaningless after a reset.
    this.markers.length = 0;
    this.renderMarkers();
    this.lastOffset.textContent = '–';
  }

  private renderMarkers(): void {
    const rows = this.markers
      .slice()
      .reverse()
      .map((m) => el('li', { testid: 'arena-marker-row', text: `${fmtHex32(Number(m))} (${fmtInt(Number(m))})` }));
    this.markerList.replaceChildren(...rows);
  }
}
