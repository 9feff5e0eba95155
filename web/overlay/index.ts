// The debug overlay's public surface: mount it on any page that has an engine.
export { DebugOverlay, mountOverlay, type OverlayOptions, type OverlayStats, type RefreshRates } from './overlay.js';
