// What the overlay reads, named from the engine's own types (engine/index.ts) so that the two cannot
// drift apart: any page that has an Engine can mount the overlay.
import type { Engine } from '../../engine/index.js';

export type OverlayEngine = Engine;
export type OverlayTracker = Engine['tracker'];
export type OverlayPool = ReturnType<Engine['pools']>[number];
export type OverlayRegion = Engine['regions']['state'];
export type TagRow = ReturnType<OverlayTracker['tags']>[number];
export type FrameRow = ReturnType<OverlayTracker['frames']>[number];
export type LeakRow = ReturnType<OverlayTracker['leaksSince']>[number];
