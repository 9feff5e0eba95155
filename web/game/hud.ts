// The HUD: score, health, lives and the level's state, as DOM text over the canvas. Each field is
// written only when its value changed (a text write costs a style recalculation), so a steady frame
// compares a few integers and touches nothing.

export interface HudValues {
  score: number;
  health: number;
  lives: number;
  status: number;
  treasureTaken: number;
  treasureTotal: number;
}

const STATUS_TEXT = ['', '', 'Ouch! Back to the checkpoint…', 'Level complete! Enter plays it again', 'Game over — Enter plays again'];

function field(testid: string, label: string): { node: HTMLElement; value: HTMLElement } {
  const node = document.createElement('div');
  node.className = 'hud-field';
  const name = document.createElement('span');
  name.className = 'hud-label';
  name.textContent = label;
  const value = document.createElement('span');
  value.className = 'hud-value';
  value.dataset.testid = testid;
  node.append(name, value);
  return { node, value };
}

export class Hud {
  readonly node: HTMLElement;
  private readonly score = field('hud-score', 'Score');
  private readonly health = field('hud-health', 'Health');
  private readonly lives = field('hud-lives', 'Lives');
  private readonly treasure = field('hud-treasure', 'Treasure');
  private readonly healthBar = document.createElement('div');
  private readonly banner = document.createElement('div');
  private last: HudValues = { score: Number.NaN, health: Number.NaN, lives: Number.NaN, status: Number.NaN, treasureTaken: Number.NaN, treasureTotal: Number.NaN };

  constructor(parent: HTMLElement) {
    this.node = document.createElement('div');
    this.node.className = 'hud';
    this.node.dataset.testid = 'hud';
    const bar = document.createElement('div');
    bar.className = 'hud-health-bar';
    this.healthBar.className = 'hud-health-fill';
    bar.append(this.healthBar);
    this.health.node.append(bar);
    this.banner.className = 'hud-banner';
    this.banner.dataset.testid = 'hud-banner';
    this.banner.hidden = true;
    this.node.append(this.score.node, this.health.node, this.lives.node, this.treasure.node);
    parent.append(this.node, this.banner);
  }

  update(v: HudValues): void {
    const last = this.last;
    if (v.score !== last.score) {
      last.score = v.score;
      this.score.value.textContent = String(v.score);
    }
    if (v.health !== last.health) {
      last.health = v.health;
      this.health.value.textContent = String(v.health);
      this.healthBar.style.width = `${Math.max(0, Math.min(100, v.health))}%`;
    }
    if (v.lives !== last.lives) {
      last.lives = v.lives;
      this.lives.value.textContent = String(v.lives);
    }
    if (v.treasureTaken !== last.treasureTaken || v.treasureTotal !== last.treasureTotal) {
      last.treasureTaken = v.treasureTaken;
      last.treasureTotal = v.treasureTotal;
      this.treasure.value.textContent = `${v.treasureTaken}/${v.treasureTotal}`;
    }
    if (v.status !== last.status) {
      last.status = v.status;
      const text = STATUS_TEXT[v.status] ?? '';
      this.banner.textContent = text;
      this.banner.hidden = text === '';
      this.banner.dataset.status = String(v.status);
    }
  }

  /** Forget the shown values: the next update writes every field (after a load or a rewind). */
  invalidate(): void {
    this.last.score = this.last.health = this.last.lives = this.last.status = Number.NaN;
    this.last.treasureTaken = this.last.treasureTotal = Number.NaN;
  }
}
