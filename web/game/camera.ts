// The camera: the top-left of the view in main-plane pixels. It follows a target (the player) with a
// dead zone — the target moves freely inside a box around the view's centre and the view moves only
// when it would leave the box — and is clamped to the level, so the view never shows past its edges.
// Whole pixels only: sub-pixel scrolling would shimmer the pixel-art tiles.

export interface CameraOptions {
  viewWidth: number;
  viewHeight: number;
  /** Half the dead zone's width/height, as a fraction of the view; default 0.1 x 0.12. */
  deadZoneX?: number;
  deadZoneY?: number;
}

export class Camera {
  x = 0;
  y = 0;
  readonly viewWidth: number;
  readonly viewHeight: number;
  private readonly deadX: number;
  private readonly deadY: number;
  private levelWidth = 0;
  private levelHeight = 0;

  constructor(options: CameraOptions) {
    this.viewWidth = options.viewWidth;
    this.viewHeight = options.viewHeight;
    this.deadX = Math.round(this.viewWidth * (options.deadZoneX ?? 0.1));
    this.deadY = Math.round(this.viewHeight * (options.deadZoneY ?? 0.12));
  }

  /** The level's size in pixels (the main plane's tiles x tile size). */
  setLevel(width: number, height: number): void {
    this.levelWidth = width;
    this.levelHeight = height;
    this.clamp();
  }

  /** Centres the view on (tx, ty) at once (level start, respawn, a loaded save). */
  snap(tx: number, ty: number): void {
    this.x = Math.round(tx - this.viewWidth / 2);
    this.y = Math.round(ty - this.viewHeight / 2);
    this.clamp();
  }

  /** Moves the view just enough to keep (tx, ty) inside the dead zone. */
  follow(tx: number, ty: number): void {
    const cx = this.x + this.viewWidth / 2;
    const cy = this.y + this.viewHeight / 2;
    if (tx < cx - this.deadX) this.x = Math.round(tx + this.deadX - this.viewWidth / 2);
    else if (tx > cx + this.deadX) this.x = Math.round(tx - this.deadX - this.viewWidth / 2);
    if (ty < cy - this.deadY) this.y = Math.round(ty + this.deadY - this.viewHeight / 2);
    else if (ty > cy + this.deadY) this.y = Math.round(ty - this.deadY - this.viewHeight / 2);
    this.clamp();
  }

  private clamp(): void {
    const maxX = Math.max(0, this.levelWidth - this.viewWidth);
    const maxY = Math.max(0, this.levelHeight - this.viewHeight);
    this.x = Math.min(Math.max(this.x, 0), maxX);
    this.y = Math.min(Math.max(this.y, 0), maxY);
  }
}
