/**
 * How busybox 1.36.1 words the failures our GNU-flavoured programs report in coreutils' words.
 * Each applet maps the GNU line (as src/shell/commands prints it) to the text libbb prints for
 * the same failure. Lines no rule knows pass through as they are. Every text was also checked
 * against busybox 1.36.1 built from tag 1_36_1 (scripts/busybox/extract-usage.sh builds it).
 */
export interface Rewrite {
  gnu: RegExp;
  /** busybox's line ('' when it prints none: bb_show_usage alone follows, an operand missing), or made from the command line. */
  busybox: string | ((args: readonly string[]) => string);
  /** The applet dies here (bb_error_msg_and_die, an x-function): nothing follows, not even the usage. */
  dies?: boolean;
  /** Its exit status when it differs from GNU's (xfunc_error_retval, or what the applet returns). */
  status?: number;
  /** The rule holds only for a command line this accepts. */
  when?: (args: readonly string[]) => boolean;
}

/** The last value given to -L or --long (-L V, -LV, --long V, --long=V). */
function lastValue(args: readonly string[], letter: string, long: string): string {
  let value = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === `-${letter}` || a === `--${long}`) value = args[++i] ?? '';
    else if (a.startsWith(`--${long}=`)) value = a.slice(long.length + 3);
    else if (a.startsWith(`-${letter}`)) value = a.slice(2);
  }
  return value;
}

/** md5_sha1_sum.c opens a -c list with fopen_or_warn_stdin (bb_simple_perror_msg: GNU's words), the files it sums with open_or_warn_stdin. */
const summing = (args: readonly string[]) => !args.some((a) => /^-[a-z]*c/.test(a));

/** Rules for every applet: GNU's "missing operand" is bb_show_usage alone in busybox (each applet checks its operands and calls it). */
export const COMMON_REWRITES: readonly Rewrite[] = [
  { gnu: /^\S+: missing (?:file |destination file )?operand(?: after .*)?$/, busybox: '' },
];

/** Applet name → its rewrites, first match wins. Sources are busybox's tree at tag 1_36_1. */
export const ERROR_REWRITES: Readonly<Record<string, readonly Rewrite[]>> = {
  cat: [
    // cat opens with open_or_warn_stdin (coreutils/cat.c:133) → open3_or_warn: "can't open '%s'" (libbb/xfuncs_printf.c:167).
    // A directory opens, then reading it fails: bb_simple_perror_msg(bb_msg_read_error) (libbb/copyfd.c:90, "read error" in libbb/messages.c).
    { gnu: /^cat: .+: Is a directory$/, busybox: 'cat: read error: Is a directory' },
    { gnu: /^cat: (.+): ([^:]+)$/, busybox: "cat: can't open '$1': $2" },
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
  stat: [
    // bb_perror_msg("can't stat '%s'") (coreutils/stat.c:607).
    { gnu: /^stat: cannot statx? '(.+)': (.+)$/, busybox: "stat: can't stat '$1': $2" },
  ],
  ln: [
    // bb_simple_perror_msg on the name that failed (coreutils/ln.c:120-157).
    { gnu: /^ln: failed to (?:access|create (?:symbolic|hard) link) '(.+)': (.+)$/, busybox: 'ln: $1: $2' },
  ],
  chown: [{ gnu: /^chown: cannot access '(.+)': (.+)$/, busybox: 'chown: $1: $2' }],
  du: [{ gnu: /^du: cannot access '(.+)': (.+)$/, busybox: 'du: $1: $2' }],
  find: [{ gnu: /^find: ‘(.+)’: (.+)$/, busybox: 'find: $1: $2' }],
  uniq: [{ gnu: /^uniq: (.+): (No such file or directory|Permission denied)$/, busybox: "uniq: can't open '$1': $2", dies: true }],
  md5sum: [
    // open_or_warn_stdin (coreutils/md5_sha1_sum.c:174) → "can't open '%s'" (libbb/xfuncs_printf.c:167).
    { gnu: /^md5sum: (.+): (No such file or directory|Permission denied)$/, busybox: "md5sum: can't open '$1': $2", when: summing },
  ],
  sha256sum: [{ gnu: /^sha256sum: (.+): (No such file or directory|Permission denied)$/, busybox: "sha256sum: can't open '$1': $2", when: summing }],
  // more turns into cat when its output is no terminal (util-linux/more.c:97): the image's cat (already in libbb's words), more's name.
  more: [{ gnu: /^cat: (.*)$/, busybox: 'more: $1' }],
  sha1sum: [{ gnu: /^sha1sum: (.+): (No such file or directory|Permission denied)$/, busybox: "sha1sum: can't open '$1': $2", when: summing }],
  // nohup execs its command: BB_EXECVP_or_die, "can't execute '%s'" with status 127 for ENOENT (coreutils/nohup.c).
  nohup: [{ gnu: /^nohup: failed to run command '(.+)': (.+)$/, busybox: "nohup: can't execute '$1': $2", dies: true, status: 127 }],
  // chgrp is chown's code (coreutils/chgrp.c): bb_simple_perror_msg(fileName) (coreutils/chown.c:122).
  chgrp: [{ gnu: /^chgrp: cannot access '(.+)': (.+)$/, busybox: 'chgrp: $1: $2' }],
  // xopen of the file dies (miscutils/less.c:1054): "can't open '%s'" (libbb/xfuncs_printf.c:138).
  less: [{ gnu: /^(?!less: )(.+): (No such file or directory|Permission denied)$/, busybox: "less: can't open '$1': $2", dies: true }],
  // A shorter file ends the comparison: fmt_eof, "cmp: EOF on %s" (editors/cmp.c:34), without where.
  cmp: [{ gnu: /^cmp: EOF on (.+?)(?: after byte \d+(?:, line \d+)?| which is empty)$/, busybox: 'cmp: EOF on $1' }],
  // The width and tab size are read with xatou_range (coreutils/fold.c, coreutils/expand.c): libbb/xatonum_template.c's words, and death.
  fold: [
    { gnu: /^fold: invalid number of columns: ‘(\d+)’: Numerical result out of range$/, busybox: 'fold: number $1 is not in 1..10000 range', dies: true },
    { gnu: /^fold: invalid number of columns: ‘(.*)’$/, busybox: "fold: invalid number '$1'", dies: true },
  ],
  expand: [
    { gnu: /^expand: tab size cannot be 0$/, busybox: 'expand: number 0 is not in 1..4294967295 range', dies: true },
    // GNU names only the characters it refuses; xatou_range names the whole operand.
    { gnu: /^expand: tab size contains invalid character\(s\): .*$/, busybox: (args) => `expand: invalid number '${lastValue(args, 't', 'tabs')}'`, dies: true },
  ],
  rev: [{ gnu: /^rev: cannot open (.+): (.+)$/, busybox: 'rev: $1: $2' }],
  sed: [
    // A missing input file: bb_simple_perror_msg(name), and sed goes on, exiting 1 at the end.
    { gnu: /^sed: can't read (.+): (.+)$/, busybox: 'sed: $1: $2', status: 1 },
  ],
  awk: [
    // xfopen_stdin (editors/awk.c:2842) dies: "awk: NAME: ERROR", status 1.
    { gnu: /^awk: cannot open (.+) \((.+)\)$/, busybox: 'awk: $1: $2', dies: true, status: 1 },
  ],
  head: [
    // fopen_or_warn → bb_simple_perror_msg(path) (libbb/wfopen.c:15); a read error names the file too (coreutils/head.c:262);
    // a count xatoul cannot read dies with "invalid number '%s'" (libbb/xatonum_template.c:74).
    { gnu: /^head: cannot open '(.+)' for reading: (.+)$/, busybox: 'head: $1: $2' },
    { gnu: /^head: error reading '(.+)': (.+)$/, busybox: 'head: $1: $2' },
    { gnu: /^head: invalid number of (?:lines|bytes): [‘'](.*)[’']$/, busybox: "head: invalid number '$1'", dies: true },
  ],
  tail: [
    // open_or_warn_stdin (coreutils/tail.c:180) → "can't open '%s'" (libbb/xfuncs_printf.c:167); reading a directory: "read error" (coreutils/tail.c:93);
    // a count xatou_sfx cannot read (coreutils/tail.c:110) dies with "invalid number '%s'" (libbb/xatonum_template.c:74).
    { gnu: /^tail: cannot open '(.+)' for reading: (.+)$/, busybox: "tail: can't open '$1': $2" },
    { gnu: /^tail: error reading '(.+)': (.+)$/, busybox: 'tail: read error: $2' },
    { gnu: /^tail: invalid number of (?:lines|bytes): [‘'](.*)[’']$/, busybox: "tail: invalid number '$1'", dies: true },
  ],
  // sleep reads its operand with xatou (coreutils/sleep.c:98).
  sleep: [{ gnu: /^sleep: invalid time interval [‘'](.*)[’']$/, busybox: "sleep: invalid number '$1'", dies: true }],
  seq: [
    // seq calls bb_show_usage on a number it cannot read (coreutils/seq.c:70).
    { gnu: /^seq: invalid floating point argument: .*$/, busybox: '' },
  ],
  cut: [{ gnu: /^cut: you must specify a list of bytes, characters, or fields$/, busybox: 'cut: expected a list of bytes, characters, or fields', dies: true }],
  date: [
    // bb_msg_invalid_date, "invalid date '%s'" (libbb/messages.c:18).
    { gnu: /^date: invalid date [‘'](.*)[’']$/, busybox: "date: invalid date '$1'" },
  ],
  expr: [
    // Without operands expr dies: "too few arguments" (coreutils/expr.c:549), with its status 2 (:546).
    { gnu: /^expr: missing operand$/, busybox: 'expr: too few arguments', dies: true, status: 2 },
  ],
  diff: [
    // diff stats both files first and dies at the first it cannot: status 2 (editors/diff.c:993).
    { gnu: /^diff: (.+): (No such file or directory|Permission denied)$/, busybox: "diff: can't stat '$1': $2", dies: true, status: 2 },
  ],
  tar: [
    // xopen of the archive dies (archival/tar.c:1171): "can't open '%s'" (libbb/xfuncs_printf.c:138), status 1.
    { gnu: /^tar: (.+): Cannot open: (.+)$/, busybox: "tar: can't open '$1': $2", dies: true, status: 1 },
    // strip_unsafe_prefix warns once (archival/libarchive/unsafe_prefix.c:30).
    { gnu: /^tar: Removing leading `\/' from member names$/, busybox: "tar: removing leading '/' from member names" },
  ],
  mktemp: [{ gnu: /^mktemp: failed to create (?:file|directory) via template .*: (.+)$/, busybox: 'mktemp: $1', dies: true }],
  grep: [
    // Without a pattern grep shows its usage alone (getopt32's minimum of one argument).
    { gnu: /^Usage: grep .*$/, busybox: '' },
  ],
  sort: [
    // xfopen_stdin (coreutils/sort.c:566) → fopen_or_warn: bb_simple_perror_msg(path) (libbb/wfopen.c:15), then
    // xfunc_die with the status sort set, 2 (coreutils/sort.c:463), as GNU's.
    { gnu: /^sort: cannot read: (.+): (.+)$/, busybox: 'sort: $1: $2' },
  ],
};

/** The rule for one line of an applet's stderr, and the line in busybox's words. */
export function rewriteErrorLine(applet: string, line: string, args: readonly string[] = []): { line: string; rule?: Rewrite } {
  for (const rule of [...(ERROR_REWRITES[applet] ?? []), ...COMMON_REWRITES]) {
    if (!rule.gnu.test(line) || (rule.when && !rule.when(args))) continue;
    return { line: typeof rule.busybox === 'string' ? line.replace(rule.gnu, rule.busybox) : rule.busybox(args), rule };
  }
  return { line };
}
