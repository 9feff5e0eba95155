// A quick look at a chosen file before the game switches to it: the REZ header's directory pointer
// must end exactly at the end of the file, and its text name the tool (LEGACY-FORMATS.md, "REZ archive"). Reads 139 bytes of the
// File by a slice; a text file, an image or a truncated download is refused here with a clear reason,
// and everything deeper (the directory, the level) is checked by the archive reader when it opens.
const HEADER_BYTES = 139;
const VERSION_AT = 127;
const DIR_OFFSET_AT = 131;
const DIR_SIZE_AT = 135;

/** Why `blob` is not a REZ archive, or null when its header is plausible. */
export async function rezHeaderProblem(blob: Blob): Promise<string | null> {
  if (blob.size < HEADER_BYTES) return `it is ${blob.size} bytes long, too short for a REZ archive`;
  const bytes = new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer());
  // The header text names the tool that wrote the archive ("RezMgr Version 1", "WinRez 2.4").
  const text = String.fromCharCode(...bytes.subarray(0, VERSION_AT));
  if (!text.includes('RezMgr') && !text.includes('WinRez')) return 'it does not start with a REZ header ("RezMgr" or "WinRez")';
  const head = new DataView(bytes.buffer);
  const dirOffset = head.getUint32(DIR_OFFSET_AT, true);
  const dirSize = head.getUint32(DIR_SIZE_AT, true);
  if (dirOffset < HEADER_BYTES || dirOffset + dirSize !== blob.size) {
    return 'its header does not describe a REZ archive (the directory does not end at the end of the file)';
  }
  return null;
}
