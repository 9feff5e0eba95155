// The records the format decoders return: the camelCase of the C++ structs (pid.h, ani.h, wwd.h,
// wwd_objects.h, wwd_tiles.h, rez_writer.h), with the file's strings decoded as latin1.

/** A 256-colour palette: the 768 bytes of a PAL file and its RGBA table (index 0 transparent). */
export interface Palette {
  readonly rgb: Uint8Array;
  readonly rgba: Uint8Array;
}

/** A PID's header and layout (pid.h PidInfo). */
export interface PidInfo {
  fileDesc: number;
  /** Bits: 0x20 compressed encoding, 0x80 embedded palette; others are kept as found. */
  flags: number;
  width: number;
  height: number;
  /** The drawing anchor: x - width/2 + offsetX. */
  offsetX: number;
  offsetY: number;
  unk0: number;
  unk1: number;
  pixelCount: number;
  pixelsOffset: number;
  pixelsSize: number;
  /** Where the embedded palette starts, 0 when there is none. */
  paletteOffset: number;
  hasPalette: boolean;
}

/** A decoded PID: width * height RGBA pixels, row-major (index 0 and skipped pixels transparent). */
export interface DecodedImage {
  width: number;
  height: number;
  offsetX: number;
  offsetY: number;
  flags: number;
  rgba: Uint8Array;
}

/** What encodePid() writes. */
export interface PidSource {
  width: number;
  height: number;
  /** width * height palette indices, row-major. */
  indices: Uint8Array;
  /** The run-length encoding of index 0 as skips (flag 0x20); default: the flag as in `flags`. */
  compressed?: boolean;
  /** Header flags; 0x20 follows `compressed` when given, 0x80 follows `palette`. */
  flags?: number;
  offsetX?: number;
  offsetY?: number;
  fileDesc?: number;
  unk0?: number;
  unk1?: number;
  /** Embedded as the file's last 768 bytes (a Palette, or 768 RGB bytes). */
  palette?: Palette | Uint8Array;
}

export interface AniFrame {
  /** Names "frameNNN" of the animation's image set. */
  imageId: number;
  durationMs: number;
  eventFlag: number;
  /** The sound event the frame triggers, or null. */
  event: string | null;
}

export interface Ani {
  signature: number;
  imageSet: string;
  frames: AniFrame[];
}

/** The header of a WWD level (wwd.h WwdHeader). */
export interface WwdHeader {
  signature: number;
  /** 1: planes use z, 2: the body is zlib-compressed. */
  flags: number;
  levelName: string;
  author: string;
  birth: string;
  rezFile: string;
  imageDirectory: string;
  palettePath: string;
  launchApp: string;
  imageSets: string[];
  prefixes: string[];
  startX: number;
  startY: number;
  numPlanes: number;
  planesOffset: number;
  tileDescriptionsOffset: number;
  mainBlockLength: number;
  checksum: number;
}

export interface WwdRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** One object of a plane (wwd_objects.h WwdObject). */
export interface WwdObject {
  offset: number;
  id: number;
  x: number;
  y: number;
  z: number;
  i: number;
  addFlags: number;
  dynamicFlags: number;
  drawFlags: number;
  userFlags: number;
  score: number;
  points: number;
  powerup: number;
  damage: number;
  smarts: number;
  health: number;
  moveRect: WwdRect;
  hitRect: WwdRect;
  attackRect: WwdRect;
  clipRect: WwdRect;
  userRect1: WwdRect;
  userRect2: WwdRect;
  userValues: number[];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  speedX: number;
  speedY: number;
  tweakX: number;
  tweakY: number;
  counter: number;
  speed: number;
  width: number;
  height: number;
  direction: number;
  faceDir: number;
  timeDelay: number;
  frameDelay: number;
  objectType: number;
  hitTypeFlags: number;
  moveResX: number;
  moveResY: number;
  name: string;
  logic: string;
  imageSet: string;
  sound: string;
}

/** One plane of a level (wwd.h WwdPlane) with its tiles, image sets and objects. */
export interface WwdPlane {
  offset: number;
  signature: number;
  /** 1 main, 2 no draw, 4 x-wrap, 8 y-wrap, 16 auto tile size. */
  flags: number;
  name: string;
  pixelWidth: number;
  pixelHeight: number;
  tileWidth: number;
  tileHeight: number;
  tilesX: number;
  tilesY: number;
  movementPercentX: number;
  movementPercentY: number;
  fillColor: number;
  imageSetsCount: number;
  objectsCount: number;
  tilesOffset: number;
  imageSetsOffset: number;
  objectsOffset: number;
  z: number;
  tilesCount: number;
  /** tilesX * tilesY tile ids, row-major; -1 is an empty tile. */
  tiles: Int32Array;
  imageSets: string[];
  objects: WwdObject[];
}

/** wwd_tiles.h WwdTileDescription: type 1 has one attribute, type 2 an inside and an outside one. */
export interface WwdTileDescription {
  type: number;
  unknown: number;
  width: number;
  height: number;
  insideAttrib: number;
  outsideAttrib: number;
  rect: WwdRect;
}

export interface WwdLevel {
  header: WwdHeader;
  planes: WwdPlane[];
  tileDescriptions: WwdTileDescription[];
}

/** A file of an archive to plan: its size only. Paths are '/' or '\' separated. */
export interface RezPlanFile {
  path: string;
  size: number;
  dateTime?: number;
  fileId?: number;
}

/** A file of an archive to pack in memory. */
export interface RezPackFile {
  path: string;
  bytes: Uint8Array;
  dateTime?: number;
  fileId?: number;
}

/** Where everything of a planned archive goes: head at 0, file i at dataOffsets[i], blocks at blocksOffset. */
export interface RezPlan {
  /** The 139-byte header. */
  head: Uint8Array;
  dataOffsets: number[];
  blocksOffset: number;
  /** Every directory block; they end the archive. */
  blocks: Uint8Array;
  totalSize: number;
}
