/**
 * How busybox 1.36.1 words the failures our GNU-flavoured programs report in coreutils' words.
 * Each applet maps the GNU line (as src/shell/commands prints it) to the text libbb prints for
 * the same failure (the exit codes already agree: 1, and 2 for sort and grep). Lines no rule
 * knows pass through as they are.
 */
export interface Rewrite {
  gnu: RegExp;
  busybox: string;
}

/** Applet name → its rewrites, first match wins. Sources are busybox's tree at tag 1_36_1. */
export const ERROR_REWRITES: Readonly<Record<string, readonly Rewrite[]>> = {
  cat: [
    // cat opens with open_or_warn_stdin (coreutils/cat.c:133) → open3_or_warn: "can't open '%s'" (libbb/xfuncs_printf.c:167).
    // A directory opens, then reading it fails: bb_simple_perror_msg(bb_msg_read_error) (libbb/copyfd.c:90, "read error" in libbb/messages.c).
    { gnu: /^cat: .+: Is a directory$/, busybox: 'cat: read error: Is a directory' },
    { gnu: /^cat: (.+): ([^:]+)$/, busybox: "cat: can't open '$1': $2" },
  ],
  head: [
    // fopen_or_warn → bb_simple_perror_msg(path) (libbb/wfopen.c:15); a read error names the file too (coreutils/head.c:262).
    { gnu: /^head: cannot open '(.+)' for reading: (.+)$/, busybox: 'head: $1: $2' },
    { gnu: /^head: error reading '(.+)': (.+)$/, busybox: 'head: $1: $2' },
  ],
  tail: [
    // open_or_warn_stdin (coreutils/tail.c:180) → "can't open '%s'" (libbb/xfuncs_printf.c:167); reading a directory: "read error" (coreutils/tail.c:93).
    { gnu: /^tail: cannot open '(.+)' for reading: (.+)$/, busybox: "tail: can't open '$1': $2" },
    { gnu: /^tail: error reading '(.+)': (.+)$/, busybox: 'tail: read error: $2' },
  ],
  rm: [
    // remove_file: a directory without -r is "'%s' is a directory" (libbb/remove_file.c:35), other failures "can't remove '%s'" (:23, :73, :97).
    { gnu: /^rm: cannot remove '(.+)': Is a directory$/, busybox: "rm: '$1' is a directory" },
    { gnu: /^rm: cannot remove '(.+)': (.+)$/, busybox: "rm: can't remove '$1': $2" },
  ],
  mkdir: [
    // make_directory: bb_perror_msg("can't %s directory '%s'", "create", path) (libbb/make_directory.c:142).
    { gnu: /^mkdir: cannot create directory [‘'](.+)[’']: (.+)$/, busybox: "mkdir: can't create directory '$1': $2" },
  ],
  cp: [
    // copy_file: "can't stat '%s'" (libbb/copy_file.c:98), "omitting directory '%s'" (:144), "can't create '%s'" (:33).
    { gnu: /^cp: cannot stat '(.+)': (.+)$/, busybox: "cp: can't stat '$1': $2" },
    { gnu: /^cp: -r not specified; omitting directory '(.+)'$/, busybox: "cp: omitting directory '$1'" },
    { gnu: /^cp: cannot create regular file '(.+)': (.+)$/, busybox: "cp: can't create '$1': $2" },
  ],
  mv: [
    // rename fails and the source is not there: bb_perror_msg("can't rename '%s'") (coreutils/mv.c:143).
    { gnu: /^mv: cannot stat '(.+)': (.+)$/, busybox: "mv: can't rename '$1': $2" },
  ],
  touch: [
    // utimensat and the create both failed: bb_simple_perror_msg(name) (coreutils/touch.c:188).
    { gnu: /^touch: cannot touch '(.+)': (.+)$/, busybox: 'touch: $1: $2' },
  ],
  rmdir: [
    // bb_perror_msg("'%s'", path) (coreutils/rmdir.c:78).
    { gnu: /^rmdir: failed to remove '(.+)': (.+)$/, busybox: "rmdir: '$1': $2" },
  ],
  chmod: [
    // recursive_action's callback: bb_simple_perror_msg(fileName) (coreutils/chmod.c:102).
    { gnu: /^chmod: cannot access '(.+)': (.+)$/, busybox: 'chmod: $1: $2' },
  ],
  sort: [
    // xfopen_stdin (coreutils/sort.c:566) → fopen_or_warn: bb_simple_perror_msg(path) (libbb/wfopen.c:15), then
    // xfunc_die with the status sort set, 2 (coreutils/sort.c:463), as GNU's.
    { gnu: /^sort: cannot read: (.+): (.+)$/, busybox: 'sort: $1: $2' },
  ],
};

/** One line of an applet's stderr in busybox's words. */
export function rewriteErrorLine(applet: string, line: string): string {
  for (const r of ERROR_REWRITES[applet] ?? []) if (r.gnu.test(line)) return line.replace(r.gnu, r.busybox);
  return line;
}
