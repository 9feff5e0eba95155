// The public surface of the OpenClaw Memory SDK.
export {
  createEngine, Engine, type EngineOptions, type EngineRegions, type EngineCaptureOptions, type AssetsOptions,
} from './memory/engine.js';
export { Region } from './memory/region.js';
export { Pool, defaultAlign, type PoolOptions, type PoolStats, type PoolOccupancy } from './memory/pool.js';
export {
  StructPool, layoutOf, FIELD_SIZES,
  type FieldType, type FieldValue, type StructSchema, type StructValue, type StructLayout, type StructPoolOptions,
} from './memory/struct-pool.js';
export { Slab, type SlabStats, type SlabClassStats, type SlabBlock } from './memory/slab.js';
export { FrameArena, type FrameMarker, type ArenaStats } from './memory/frame-arena.js';
export { type Handle, handleTag } from './memory/handle.js';
export { SlotViews } from './memory/views.js';
export { ReplayRecorder, ReplayOp, REPLAY_MAGIC, REPLAY_VERSION } from './memory/replay.js';
export { Status, statusName, type StatusName, type StatusCode } from './memory/status.js';
export {
  OpenClawError, InvalidArgumentError, SizeTooLargeError, BadAlignmentError, PoolExhaustedError, OutOfSpaceError,
  StaleHandleError, DoubleFreeError, ForeignHandleError, InvalidOffsetError, WrongSizeClassError, CorruptStateError,
  OutOfMemoryError, TooManyAllocatorsError, BadMarkerError, UnknownMarkError, NotTrackingError, BudgetExceededError,
  ResourceMissingError, WasmLoadError,
  EngineDestroyedError, errorForStatus,
  type ExhaustedKind,
} from './memory/errors.js';
export { Tracker, type LeakGroup, type FrameEndHook, type AllocWhere } from './tracking/tracker.js';
export { type TrackingOptions } from './tracking/setup.js';
export { type TagStats, type FrameStats, type TrackerCounters } from './tracking/views.js';
export { formatLeakTable, formatLeakReport, type LeakRow } from './tracking/format.js';
export {
  REPORT_FORMAT, REPORT_VERSION,
  type TrackingMode, type TrackerReport, type TagReport, type PoolReport, type SlabReport, type ArenaReport,
  type RegionReport, type FrameReport, type LeakGroupReport, type MisuseReport,
} from './tracking/report.js';
export {
  type CaptureOptions, type RestoreOptions, type RegionImage, type SnapshotInfo, type SnapshotChunk, type ChunkKind,
} from './snapshot/snapshot.js';
export { RewindRing, type RewindStats } from './snapshot/rewind.js';
export {
  SyncTester, DesyncError, type SyncTarget, type SyncStep, type SyncMismatch, type SyncReport, type SyncTesterOptions,
} from './snapshot/sync.js';
export {
  SnapshotError, BadMagicError, VersionTooNewError, VersionTooOldError, LayoutMismatchError, TruncatedSnapshotError,
  ChecksumMismatchError, SnapshotOutOfRangeError, SizeMismatchError, UnsealedSnapshotError, BaseMismatchError,
  CorruptSnapshotError, snapshotError,
} from './snapshot/errors.js';
export {
  openSnapshotStore, SnapshotStore, type SnapshotStoreOptions, type SaveOptions, type LoadedSave, type SnapshotSource,
  type SlotInfo, type SlotMeta, type JsonValue, type BackendKind,
} from './snapshot/store.js';
export {
  StoreError, SaveConflictError, StorageQuotaError, StorageError, SlotNotFoundError, PersistWorkerError, StoreClosedError,
  type ExpectedVersion, type FoundVersion,
} from './snapshot/store-errors.js';
export type { CoreAbi } from './wasm/abi.js';
export type { CoreExports } from './wasm/exports.js';
export type { Heap } from './wasm/heap.js';
export type { WasmSource } from './wasm/loader.js';
export {
  ResourceCache, CachePin, type CacheStats, type CacheEntryInfo, type EvictListener, type ReleaseListener,
} from './streaming/cache.js';
export { resourceId, type ResourceId } from './streaming/resource-id.js';
export {
  ASSET_HEADER_BYTES, ASSET_KIND_RAW, ASSET_KIND_IMAGE, assetEntryBytes, readAssetHeader, writeAssetHeader,
  validateAssetHeader, type AssetHeader, type AssetKind,
} from './streaming/asset-header.js';
export {
  AssetStreamer, type AssetRequest, type BundleOptions, type StreamerOptions, type StreamerStats, type AssetSource,
  type BundleProgress, type Priority,
} from './streaming/asset-streamer.js';
export { Asset } from './streaming/asset.js';
export {
  AssetNetworkError, AssetNotFoundError, AssetCorruptError, WorkerCrashedError, AssetCancelledError, StreamerClosedError,
} from './streaming/errors.js';
export { DEFAULT_RETRY, defaultRetryOn, type RetryPolicy } from './streaming/retry.js';
export {
  createDecodeWorkerApi, type WorkerSpawner, type SpawnedWorker, type DecodeWorkerApi,
} from './streaming/worker-api.js';
export { workerEndpoint } from './streaming/worker-endpoint.js';
export { browserWorkerSpawner } from './streaming/browser-workers.js';
export { Formats } from './streaming/formats/formats.js';
export { RezArchive, type RezEntry } from './streaming/formats/rez-archive.js';
export {
  sourceFromBytes, sourceFromBlob, sourceFromUrl, type ByteSource, type UrlSourceOptions, type UrlByteSource,
} from './streaming/formats/sources.js';
export {
  FormatError, TruncatedFormatError, FormatOutOfRangeError, FormatBadMagicError, OversizedFormatError, SelfReferenceError,
  OverlapError, MalformedFormatError, formatError, SourceError, EntryNotFoundError, NotAFileError, NotADirectoryError,
  type FormatKind, type SourceErrorOptions,
} from './streaming/formats/errors.js';
export type {
  Palette, PidInfo, DecodedImage, PidSource, Ani, AniFrame, WwdHeader, WwdRect, WwdObject, WwdPlane, WwdTileDescription,
  WwdLevel, RezPlanFile, RezPackFile, RezPlan,
} from './streaming/formats/types.js';
export {
  Input, INPUT_MASK, EntityKind, EntityFlag, EntityState, WorldStatus, GameEvent, TreasureVariant, SUBPIXEL, nameOf,
  type EntityKindValue, type EntityStateValue, type WorldStatusValue,
} from './game/constants.js';
export { Game, type GameOptions, type LevelSummary } from './game/game.js';
export {
  WorldView, EntityViews, WORLD_LAYOUT, ENTITY_LAYOUT, WORLD_BYTES, ENTITY_BYTES, type WorldFigures, type WorldLocation,
} from './game/views.js';
export {
  openLevel, archivePath, mainPlaneIndex, planeFolder, tilePathOf, imageSetCandidates, type LevelSource,
} from './game/level-source.js';
export {
  levelAssets, cameraAt, forEachScreenTile, drawnPlaneIndices,
  type LevelAsset, type LevelAssets, type LevelAssetKind, type LevelAssetsOptions,
} from './game/level-assets.js';
export {
  InputRecorder, encodeInputRecording, readInputRecording, inputChecksum, INPUT_MAGIC, INPUT_VERSION, INPUT_HEADER_BYTES,
  InputRecordingError, InputBadMagicError, InputVersionTooNewError, InputVersionTooOldError, TruncatedInputError,
  InputSizeMismatchError, InputChecksumMismatchError, MalformedInputError,
  type InputRecording, type InputRecordingInfo,
} from './game/input-recording.js';
export { xxh3 } from './game/xxh3.js';
