// The help text of claw-stats (printed by --help, and after a usage error).

export const USAGE = `claw-stats: print the allocation tracker's report of a native or Node program run

usage: claw-stats [--format table|json] [--watch] [--leaks-only] [--all] <file|->

The input is one of (docs/claw-stats.md):
  - stats lines: JSON Lines, each report a line starting with {"format":"claw-stats" (other lines are
    ignored, so a program can mix them into its output; OPENCLAW_STATS=<path> makes native programs
    write them);
  - a JSON file holding one report;
  - a .clawsnap whose TRAK chunk embeds a report (engine.snapshot({ report: true })); it is read by
    the wasm core, which verifies every checksum first;
  - "-": the same from stdin (a pipe).
Every report is checked against the report schema (tools/stats/schema.json) before it is shown.

options:
  -f, --format table|json   table (default): per-tag, per-pool (pools, slabs, arenas) and per-region
                            figures, alloc rate, misuse and the leak list; json: the report itself,
                            re-serialised (JSON Lines with --all or --watch)
  -a, --all                 every report in the input, oldest first (default: the newest)
  -l, --leaks-only          only the leak list (json: {"frame": ..., "leaks": ...})
  -w, --watch               follow the input: a file as it grows (or is rewritten), a pipe as lines
                            arrive; shows each new report (a table: the newest of each batch, the screen
                            cleared first on a terminal); stops at the end of a pipe or on Ctrl-C
      --interval MS         how often --watch looks at a file (default 250)
  -h, --help                this text

exit status: 0 ok; 2 a bad command line or input (a missing file, malformed JSON or a report that
breaks the schema, with its line and column, a snapshot that is damaged or carries no report, no
report at all); 70 the tool itself could not run (e.g. the SDK is not built)`;
