// One requestAnimationFrame loop for every live widget. Widgets read the engine in update() and write
// the DOM only where a value changed.

export interface Live {
  update(): void;
}

export class FrameLoop {
  private readonly widgets: Live[] = [];
  private running = false;
  private readonly tick = (): void => {
    if (!this.running) return;
    for (const w of this.widgets) w.update();
    requestAnimationFrame(this.tick);
  };

  add(widget: Live): void {
    this.widgets.push(widget);
    widget.update();
  }

  remove(widget: Live): void {
    const i = this.widgets.indexOf(widget);
    if (i >= 0) this.widgets.splice(i, 1);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    requestAnimationFrame(this.tick);
  }

  stop(): void {
    this.running = false;
  }
}
