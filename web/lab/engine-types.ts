// The engine's types as the lab names them. Pool names are typed by the user at run time, so the
// lab's pools and handles carry the plain `string` brand.
import type { Engine, Handle, Pool } from '../../engine/index.js';

export type { Engine } from '../../engine/index.js';
export type LabTracker = Engine['tracker'];
export type LabPool = Pool<string>;
export type LabHandle = Handle<string>;
