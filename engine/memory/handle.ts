// Pool handles: 32-bit numbers [tag:8][generation][index] (fixed_pool.h), branded at compile time with
// their pool's name so that a handle of one pool cannot be passed to another: Handle<'bullets'> is not
// assignable to Handle<'actors'>. At run time the tag (the pool's id in its region) catches the same
// mistake: ForeignHandleError.

declare const poolBrand: unique symbol;

export type Handle<Name extends string = string> = number & { readonly [poolBrand]: Name };

/** The tag of a handle: the id (1..255) of the pool that made it. */
export function handleTag(handle: number): number {
  return handle >>> 24;
}
