// Keyboard and gamepad -> the simulation's input bits (engine/game Input). Keys are tracked as held
// bits on keydown/keyup; the gamepad is polled once per step, only after a pad was connected (the
// Gamepad API has no events for buttons). Other page parts bind keys of their own through `bind`
// (F5, F9, Escape, R, ...): one listener pair dispatches by KeyboardEvent.code.
import { Input } from '../../engine/index.js';

/** Game keys: KeyboardEvent.code -> input bit. */
export const KEY_BITS: Readonly<Record<string, number>> = {
  ArrowLeft: Input.Left, KeyA: Input.Left,
  ArrowRight: Input.Right, KeyD: Input.Right,
  ArrowUp: Input.Up, KeyW: Input.Up,
  ArrowDown: Input.Down, KeyS: Input.Down,
  Space: Input.Jump, KeyZ: Input.Jump,
  KeyX: Input.Attack, KeyJ: Input.Attack, ControlLeft: Input.Attack, ControlRight: Input.Attack,
};

// Standard gamepad mapping: buttons 0 A, 2 X, 12-15 d-pad up/down/left/right; axes 0/1 the left stick.
const PAD_A = 0;
const PAD_X = 2;
const PAD_UP = 12;
const PAD_DOWN = 13;
const PAD_LEFT = 14;
const PAD_RIGHT = 15;
const STICK_DEAD_ZONE = 0.45;

export type KeyHandler = (down: boolean, event: KeyboardEvent) => void;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select') !== null;
}

function pressed(pad: Gamepad, index: number): boolean {
  return pad.buttons[index]?.pressed === true;
}

/** Input bits of a standard-mapped gamepad. */
export function gamepadBits(pad: Gamepad): number {
  let bits = 0;
  const x = pad.axes[0] ?? 0;
  const y = pad.axes[1] ?? 0;
  if (pressed(pad, PAD_LEFT) || x < -STICK_DEAD_ZONE) bits |= Input.Left;
  if (pressed(pad, PAD_RIGHT) || x > STICK_DEAD_ZONE) bits |= Input.Right;
  if (pressed(pad, PAD_UP) || y < -STICK_DEAD_ZONE) bits |= Input.Up;
  if (pressed(pad, PAD_DOWN) || y > STICK_DEAD_ZONE) bits |= Input.Down;
  if (pressed(pad, PAD_A)) bits |= Input.Jump;
  if (pressed(pad, PAD_X)) bits |= Input.Attack;
  return bits;
}

export class GameInput {
  private keyBits = 0;
  /** Which codes hold which bit: two keys of one bit (A and ArrowLeft) release it only when both are up. */
  private readonly down = new Set<string>();
  private readonly handlers = new Map<string, Set<KeyHandler>>();
  private pads = 0;
  private enabled = true;

  constructor(private readonly target: Window = window) {
    target.addEventListener('keydown', this.onKeyDown);
    target.addEventListener('keyup', this.onKeyUp);
    target.addEventListener('blur', this.onBlur);
    target.addEventListener('gamepadconnected', this.onPad);
    target.addEventListener('gamepaddisconnected', this.onPad);
  }

  /** The bits of this moment: held keys and (if any pad is connected) the pads. */
  bits(): number {
    if (!this.enabled) return 0;
    // getGamepads() returns a fresh array in Chromium: the one allocation of a step, and only with a pad.
    return this.keyBits | this.padBits();
  }

  /** The connected pads' bits alone (0 without a pad): a pad button starts the game like a key. */
  padBits(): number {
    if (this.pads === 0) return 0;
    let bits = 0;
    const pads = this.target.navigator.getGamepads();
    for (let i = 0; i < pads.length; i++) {
      const pad = pads[i];
      if (pad !== null && pad !== undefined && pad.connected) bits |= gamepadBits(pad);
    }
    return bits;
  }

  /** Game keys off (a menu is open); bound keys still fire. */
  setEnabled(on: boolean): void {
    this.enabled = on;
    if (!on) this.release();
  }

  bind(code: string, handler: KeyHandler): () => void {
    let set = this.handlers.get(code);
    if (set === undefined) this.handlers.set(code, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  destroy(): void {
    this.target.removeEventListener('keydown', this.onKeyDown);
    this.target.removeEventListener('keyup', this.onKeyUp);
    this.target.removeEventListener('blur', this.onBlur);
    this.target.removeEventListener('gamepadconnected', this.onPad);
    this.target.removeEventListener('gamepaddisconnected', this.onPad);
    this.handlers.clear();
    this.release();
  }

  private release(): void {
    this.down.clear();
    this.keyBits = 0;
  }

  private recompute(): void {
    let bits = 0;
    for (const code of this.down) bits |= KEY_BITS[code] ?? 0;
    this.keyBits = bits;
  }

  private dispatch(down: boolean, event: KeyboardEvent): boolean {
    const set = this.handlers.get(event.code);
    if (set === undefined || set.size === 0) return false;
    for (const handler of set) {
      try {
        handler(down, event);
      } catch (err) {
        // A broken key handler must not take the game's keys down with it.
        console.error(`key handler for ${event.code} failed:`, err);
      }
    }
    return true;
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (isTyping(event.target)) return;
    const bound = this.dispatch(true, event);
    const bit = KEY_BITS[event.code];
    if (bit === undefined) return;
    // Arrows and Space would scroll the page; the game owns them.
    if (!bound) event.preventDefault();
    if (this.enabled) {
      this.down.add(event.code);
      this.recompute();
    }
  };

  private readonly onKeyUp = (event: KeyboardEvent): void => {
    this.dispatch(false, event);
    if (this.down.delete(event.code)) this.recompute();
  };

  private readonly onBlur = (): void => {
    this.release();
  };

  private readonly onPad = (): void => {
    let n = 0;
    const pads = this.target.navigator.getGamepads();
    for (const pad of pads) if (pad !== null && pad.connected) n++;
    this.pads = n;
  };
}
