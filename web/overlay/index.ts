// The debug overlay's public surface: mount it on any page that has an engine.
export { DebugOverlay, mountOverlay, type OverlayOptions, type OverlayStats, type RefreshRates } from './overlay.js';
export {
  StreamingPanel, type StreamingPanelCache, type StreamingPanelStreamer, type StreamingCacheStats, type StreamingStreamerStats,
} from './streaming-panel.js';
export { type PhaseLeakCheck } from './leaks-panel.js';
