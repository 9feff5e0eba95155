// The page's input recording (issue 8): the input bits of every step since the level was loaded, as a
// .clawinput that the desktop build replays to the same per-frame checksums
// (openclaw-desktop --headless --input FILE). The simulation is a pure function of the state region and
// these bits, so a recording plus the state it starts from is the whole session.
//
// A recording is bound to the level (World.levelHash) and to the frame it starts from
// (engine.frameNumber then). It starts again whenever the state is replaced under it: a level load or
// restart (GamePage.switchLevel), a save loaded or a rewind (GamePage.stateReplaced); the frames before
// belong to another timeline. A recording from a first load starts at frame 0 and replays from the
// archive alone; one that starts later replays from a snapshot of its start frame (--load).
//
// Each step records World.input, the bits the tick used (masked to the input bits), so what is
// recorded is exactly what the simulation saw. One byte per frame, no allocation per frame beyond the
// recorder's doubling buffer.
import { InputRecorder, type Engine, type Game } from '../../engine/index.js';
import { el } from '../shared/dom.js';
import type { GameShell } from './shell.js';
import { download } from './download.js';

export class SessionRecording {
  private readonly recorder = new InputRecorder({ capacity: 60 * 60 });
  private levelHash = 0n;
  private startFrame = 0n;

  constructor(private readonly game: Game, private readonly engine: Engine) {
    this.restart();
  }

  /** Forgets the frames so far and starts from the current state (its level and frame). */
  restart(): void {
    this.recorder.clear();
    this.levelHash = this.game.world.levelHash;
    this.startFrame = this.engine.frameNumber;
  }

  /** After each step: the input bits the tick just used. */
  record(): void {
    this.recorder.record(this.game.world.input);
  }

  get frames(): number {
    return this.recorder.frames;
  }

  get info(): { levelHash: bigint; startFrame: bigint } {
    return { levelHash: this.levelHash, startFrame: this.startFrame };
  }

  /** The .clawinput bytes of the recording so far. */
  bytes(): Uint8Array {
    return this.recorder.toBytes(this.info);
  }

  /** A file name that says where the recording starts: openclaw-<level hash>-f<start frame>-<frames>.clawinput. */
  fileName(): string {
    return `openclaw-${this.levelHash.toString(16).padStart(16, '0')}-f${this.startFrame}-${this.frames}.clawinput`;
  }
}

/**
 * Records every step of `shell` and puts a "Download recording" button on the page (bottom right).
 * The caller restarts the returned recording when the state is replaced (see the file comment).
 */
export function installRecording(shell: GameShell): SessionRecording {
  const recording = new SessionRecording(shell.game, shell.engine);
  shell.onStep(() => recording.record());
  const button = el('button', { class: 'recording-download', testid: 'recording-download', text: 'Download recording',
    title: 'The input of every frame since the level was loaded (.clawinput: openclaw-desktop --headless --input)' });
  button.type = 'button';
  Object.assign(button.style, {
    position: 'absolute', right: '8px', bottom: '8px', zIndex: '30', font: '12px system-ui, sans-serif', opacity: '0.8',
  });
  button.addEventListener('click', () => {
    try {
      // A copy typed as ArrayBuffer-backed (Blob refuses a view that could be of shared memory).
      download(new Blob([new Uint8Array(recording.bytes())], { type: 'application/octet-stream' }), recording.fileName());
      shell.message(`Recording downloaded: ${recording.frames} frames from frame ${recording.info.startFrame}`);
    } catch (err) {
      shell.message(`The recording could not be written: ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
    // The click must not leave focus on the button: Space and Enter are game keys.
    button.blur();
  });
  shell.ui.append(button);
  return recording;
}
