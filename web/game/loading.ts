// The loading screen: the level's name, a progress bar fed by the first-frame bundle's progress (bytes
// and items, from the streamer), then "Press any key" until the player starts. It is also where a
// failure to load is shown (with what failed), since no game runs behind it then.
import type { BundleProgress } from '../../engine/index.js';

function fmtKiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

export class LoadingScreen {
  readonly node: HTMLElement;
  private readonly title = document.createElement('h1');
  private readonly step = document.createElement('p');
  private readonly bar = document.createElement('div');
  private readonly fill = document.createElement('div');
  private readonly text = document.createElement('p');
  private readonly prompt = document.createElement('p');

  constructor(parent: HTMLElement) {
    this.node = document.createElement('div');
    this.node.className = 'loading';
    this.node.dataset.testid = 'loading-screen';
    this.node.dataset.state = 'loading';
    this.title.textContent = 'OpenClaw';
    this.step.className = 'loading-step';
    this.step.dataset.testid = 'loading-step';
    this.bar.className = 'loading-bar';
    this.bar.dataset.testid = 'loading-bar';
    this.bar.setAttribute('role', 'progressbar');
    this.bar.setAttribute('aria-valuemin', '0');
    this.bar.setAttribute('aria-valuemax', '100');
    this.bar.setAttribute('aria-valuenow', '0');
    this.fill.className = 'loading-fill';
    this.bar.append(this.fill);
    this.text.className = 'loading-text';
    this.text.dataset.testid = 'loading-text';
    this.prompt.className = 'loading-prompt';
    this.prompt.dataset.testid = 'loading-prompt';
    this.prompt.hidden = true;
    this.node.append(this.title, this.step, this.bar, this.text, this.prompt);
    parent.append(this.node);
  }

  show(title: string, step: string): void {
    this.node.hidden = false;
    this.node.dataset.state = 'loading';
    this.title.textContent = title;
    this.step.textContent = step;
    this.prompt.hidden = true;
    this.progress({ bytesLoaded: 0, bytesTotal: 0, itemsLoaded: 0, itemsTotal: 0, fraction: 0 });
  }

  setStep(step: string): void {
    this.step.textContent = step;
  }

  progress(p: BundleProgress): void {
    const percent = Math.floor(p.fraction * 100);
    this.fill.style.width = `${percent}%`;
    this.bar.setAttribute('aria-valuenow', String(percent));
    this.bar.dataset.fraction = String(p.fraction);
    this.text.textContent = `${p.itemsLoaded} / ${p.itemsTotal} images · ${fmtKiB(p.bytesLoaded)}`;
  }

  /** Loaded: wait for the player. */
  ready(prompt: string): void {
    this.node.dataset.state = 'ready';
    this.prompt.textContent = prompt;
    this.prompt.hidden = false;
  }

  failed(message: string): void {
    this.node.hidden = false;
    this.node.dataset.state = 'failed';
    this.step.textContent = 'The level could not be loaded';
    this.text.textContent = message;
    this.prompt.hidden = true;
  }

  hide(): void {
    this.node.hidden = true;
    this.node.dataset.state = 'playing';
  }
}
