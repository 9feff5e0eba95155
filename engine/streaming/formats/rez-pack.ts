// REZ packing through the core's planner: the layout of an archive from its files' sizes (so a tool
// can stream a large archive to disk), or a whole archive in memory for tests and small packs.
import { InvalidArgumentError } from '../../memory/errors.js';
import { REZ_LAYOUT_WORDS as LAYOUT_WORDS } from '../../wasm/exports.js';
import { FormatCore, latin1Bytes } from './core.js';
import { formatError } from './errors.js';
import type { RezPackFile, RezPlan, RezPlanFile } from './types.js';

const REZ_HEAD_BYTES = 139;

export function planRez(core: FormatCore, files: RezPlanFile[]): RezPlan {
  core.check();
  const abi = core.abi;
  const writer = abi.oc_rez_writer_create() >>> 0;
  if (writer === 0) throw formatError(core.lastStatus(), 'rez', 'creating a REZ writer');
  try {
    for (const file of files) {
      const path = latin1Bytes(file.path);
      if (path === null) throw new InvalidArgumentError(`a REZ path is latin1: ${JSON.stringify(file.path)}`);
      if (!Number.isSafeInteger(file.size) || file.size < 0 || file.size > 0xffffffff) {
        throw new InvalidArgumentError(`${file.path}: a REZ file has 0 to 4 GiB - 1 bytes, not ${file.size}`);
      }
      const ptr = core.auxIn(path);
      core.ok(abi.oc_rez_writer_add(writer, ptr, path.length, file.size, (file.dateTime ?? 0) >>> 0, (file.fileId ?? 0) >>> 0),
        'rez', 'adding a file', file.path);
    }
    let out = core.aux.reserve(LAYOUT_WORDS * 4);
    core.ok(abi.oc_rez_writer_layout(writer, out), 'rez', 'planning the archive');
    const [totalLo, totalHi, blocksOffset, blocksSize] = core.words(out, LAYOUT_WORDS);
    const dataOffsets = files.map((_, i) => abi.oc_rez_writer_data_offset(writer, i) >>> 0);
    out = core.output.reserve(Math.max(REZ_HEAD_BYTES, blocksSize!));
    core.ok(abi.oc_rez_writer_head(writer, out), 'rez', 'writing the header');
    const head = core.copyOut(out, REZ_HEAD_BYTES);
    core.ok(abi.oc_rez_writer_blocks(writer, out, blocksSize!), 'rez', 'writing the directory');
    const blocks = core.copyOut(out, blocksSize!);
    return { head, dataOffsets, blocksOffset: blocksOffset!, blocks, totalSize: totalHi! * 0x1_0000_0000 + totalLo! };
  } finally {
    abi.oc_rez_writer_destroy(writer);
  }
}

export function packRez(core: FormatCore, files: RezPackFile[]): Uint8Array {
  const plan = planRez(core, files.map((f) => ({
    path: f.path, size: f.bytes.length,
    ...(f.dateTime === undefined ? {} : { dateTime: f.dateTime }), ...(f.fileId === undefined ? {} : { fileId: f.fileId }),
  })));
  const archive = new Uint8Array(plan.totalSize);
  archive.set(plan.head, 0);
  files.forEach((f, i) => archive.set(f.bytes, plan.dataOffsets[i]!));
  archive.set(plan.blocks, plan.blocksOffset);
  return archive;
}
