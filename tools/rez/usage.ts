// The help text of claw-rez and of each command (printed by --help, and after a usage error).

export const MAIN_USAGE = `claw-rez: list, extract, convert and pack REZ archives (Captain Claw's CLAW.REZ format)

usage: claw-rez <command> [options] ...
       claw-rez <command> --help

commands:
  info ARCHIVE [--json]                       header, entry counts, data bytes, files by extension
  ls ARCHIVE [DIR] [-l] [-R] [--json]         the entries of a directory (or of the whole tree)
  extract ARCHIVE PATH [-o OUT]               a file, or a directory's subtree, to disk (or stdout)
  pid2png ARCHIVE PATH -o OUT.png             a PID image as a PNG (also: pid2png FILE.PID -o OUT.png)
  wwd2json ARCHIVE PATH [-o OUT.json]         a WWD level as JSON (also: wwd2json FILE.WWD)
  pack SRCDIR -o OUT.rez                      a REZ archive of every file under SRCDIR

ARCHIVE is a file or an http(s) URL (read with HTTP range requests when the server allows them); only
the header, the directory and the entries a command needs are read.

exit status: 0 ok, 1 invalid input (a damaged archive or file, a missing entry: the typed error's class
and message are printed), 2 usage error (a bad command line, a file that cannot be read or written)`;

const EXIT = 'exit status: 0 ok, 1 invalid input (the typed error is printed), 2 usage error';

export const INFO_USAGE = `usage: claw-rez info ARCHIVE [--json]

Prints the archive's header (version, directory offset and size), its size, how many files and
directories it holds, the total bytes of file data, the files by extension, and how many bytes were
read to open it (the header and the directory blocks: nothing else).

  --json   the same as one JSON object

${EXIT}`;

export const LS_USAGE = `usage: claw-rez ls ARCHIVE [DIR] [-l] [-R] [--json]

Lists the entries of DIR (default: the root, "/") in archive order; directories end with "/". Paths
ignore case and take '/' or '\\' as separators.

  -l, --long        adds each entry's size, data offset, file id and date (UTC, from its dateTime as
                    seconds since 1970)
  -R, --recursive   the whole subtree, depth first, as full paths ("/LEVEL1/TILES/001.PID")
      --json        an array of entries: path, name, isDirectory, offset, size, dateTime, fileId,
                    childCount

${EXIT}`;

export const EXTRACT_USAGE = `usage: claw-rez extract ARCHIVE PATH [-o OUT]

Writes the file at PATH to OUT (default: its name in the current directory; "-o -" writes it to
stdout). A directory PATH is extracted with its whole subtree into the directory OUT (default: the
directory's name; for the root, the archive's name without its extension), created when missing;
names keep the archive's case, existing files are overwritten. Entry names that could escape OUT
("..", ".", names with '/') are refused. A large extraction shows a progress line on stderr when it
is a terminal.

  -o, --output OUT   where to write

${EXIT}`;

export const PID2PNG_USAGE = `usage: claw-rez pid2png ARCHIVE PATH -o OUT.png [--palette PAL]
       claw-rez pid2png FILE.PID -o OUT.png [--palette PAL]

Decodes a PID image (an archive entry, or a loose file) to an RGBA PNG; palette index 0 is
transparent. The palette is, in this order: --palette PAL (an entry of the archive, else a .PAL file
on disk), the PID's embedded palette, or (from an archive) the level's PALETTES/MAIN.PAL (for a PID
under /LEVELn/), else the first /LEVEL*/PALETTES/*.PAL entry; a note on stderr says which was taken.
Without any palette the command fails.

  -o, --output OUT.png   the PNG to write ("-" for stdout)
      --palette PAL      the palette to decode with

${EXIT}`;

export const WWD2JSON_USAGE = `usage: claw-rez wwd2json ARCHIVE PATH [-o OUT.json] [--no-objects] [--no-tiles]
       claw-rez wwd2json FILE.WWD [-o OUT.json] [--no-objects] [--no-tiles]

Prints a WWD level (compressed or not) as JSON: the header, each plane with its fields, its tile grid
as an array of rows (-1 is an empty tile), its image sets and its objects (each with only the fields
that are not 0, "" or an all-zero rect; id and logic always), and the tile descriptions.

  -o, --output OUT.json   write there instead of stdout
      --no-objects        leave the objects out (objectsCount stays)
      --no-tiles          leave the tile grids out

${EXIT}`;

export const PACK_USAGE = `usage: claw-rez pack SRCDIR -o OUT.rez

Writes a REZ archive of every file under SRCDIR: paths relative to SRCDIR, sorted component by
component (code-point order), directories made from the paths (an empty directory is not stored).
Each file's dateTime is its modification time in whole seconds since 1970, and file ids run from 1 in
that sorted order. The archive is streamed (header, each file copied at its offset, then the directory
blocks) to OUT.rez.tmp, which is renamed to OUT.rez only when complete: a failed pack leaves no OUT.

A REZ cannot hold every name: names must be latin1, without '\\'; a file's extension (after its last
dot) has at most 4 characters and a name cannot start or end with a dot; two paths may not differ only
in case (the format ignores case); a file is below 4 GiB and so is the archive. Such a file is refused
with its path, before anything is written.

  -o, --output OUT.rez   the archive to write (required)

${EXIT}`;
