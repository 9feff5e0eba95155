// The package export "./pixi": the pixi.js v8 side of streaming. Kept out of engine/index.ts so that the
// SDK loads without pixi.js (an optional peer dependency).
export { TextureBridge, rgbaTextureBytes, type TextureBridgeOptions, type BridgeAsset, type BridgeCache, type BridgePin } from './texture-bridge.js';
export { FrameSet, aniFrameRequests, type FrameLoader } from './frame-set.js';
