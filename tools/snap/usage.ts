// The help text of the tool and of each command (printed by --help, and after a usage error).

export const MAIN_USAGE = `claw-snap: inspect, verify, compare and convert OpenClaw save-state snapshots (.clawsnap)

usage: claw-snap <command> [options] ...
       claw-snap <command> --help

commands:
  info FILE [--json]                 header, chunk table and the pages a snapshot holds
  verify FILE... [--base FILE]       full verification: checksums, then a restore into a scratch engine
  diff A B [--json] [--base FILE]    which pages differ, and which allocator owns each differing byte
  export FILE -o OUT.json            a JSON description for debugging (header, chunks, allocators, pages)
  import IN.json -o OUT.clawsnap     the reverse: rebuild the snapshot from a JSON description

exit status: 0 ok, 1 invalid snapshot (or, for diff, a difference found), 2 usage error`;

export const INFO_USAGE = `usage: claw-snap info FILE [--json]

Prints the snapshot's header (format versions, layout id, frame, region size, checksums), its chunk
table (kind, allocator id, file offset and size, region extent, checksum), the pages it holds, and
the size of the tracker report a TRAK chunk embeds (claw-stats prints the report itself).
The header and table are bounds-checked; the checksums are not verified (see claw-snap verify).

  --json   the same as one JSON object (u64 values as strings; reportBytes null without a report)

exit status: 0 ok, 1 not a readable snapshot, 2 usage error`;

export const VERIFY_USAGE = `usage: claw-snap verify FILE... [--base FILE]

Verifies each snapshot fully: magic, versions, layout id, sizes and every checksum, then restores it
into a scratch engine with the snapshot's region size, which runs check() on the region and on every
allocator in it. Prints one line per file: "ok", or the typed error and what failed
(e.g. "ChecksumMismatchError: chunk 2 (PAGE) ...").

  --base FILE   the full snapshot that delta snapshots among FILE... were made against; without it
                a delta's checksums are verified but its allocators cannot be checked

exit status: 0 every file valid, 1 at least one invalid, 2 usage error`;

export const DIFF_USAGE = `usage: claw-snap diff A B [--json] [--base FILE]

Restores A and B into scratch engines and compares the region images byte for byte. Prints the pages
that differ and, for each differing byte range, what owns it: a pool slot (pool id, slot index, and
its handle where the slot is live in A or B), a slab block (offset, size), an allocator's metadata
(the header field or table entry), the region header (e.g. the frame counter), or other carved bytes.

  --json        the same as one JSON object
  --base FILE   the full snapshot a delta A or B was made against

exit status: 0 identical images, 1 a difference found (or an invalid snapshot), 2 usage error`;

export const EXPORT_USAGE = `usage: claw-snap export FILE -o OUT.json [--base FILE]

Writes a JSON description of the snapshot for debugging: header, chunk table, the allocators in the
region (kind, id, geometry, live count), every non-zero page of the decoded region image (base64)
and the tracker report of a TRAK chunk (as text).
claw-snap import turns it back into the same snapshot bytes.

  -o, --output OUT.json   where to write the description
  --base FILE             for a delta snapshot: the full snapshot it was made against

exit status: 0 ok, 1 invalid snapshot, 2 usage error`;

export const IMPORT_USAGE = `usage: claw-snap import IN.json -o OUT.clawsnap [--base FILE]

Rebuilds a snapshot from a JSON description made by claw-snap export (possibly edited): writes the
image into a scratch engine's region, checks the region and every allocator in it, and captures it
again (sealed or unsealed, full or delta, as the description says). An unedited description gives
back the exported snapshot byte for byte.

  -o, --output OUT.clawsnap   where to write the snapshot
  --base FILE                 for a delta description: the full snapshot it was made against

exit status: 0 ok, 1 invalid description (or an image that fails its checks), 2 usage error`;
