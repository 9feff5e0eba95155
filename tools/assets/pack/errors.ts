// The packer's one error type: every failure names the source file it is about (and, for pixels,
// where), so a broken asset is found without a debugger.
export class AssetError extends Error {
  override readonly name = 'AssetError';
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
  }
}
