/**
 * The table of programs the shell can run, by command name. Aliases (egrep, fgrep, vi-style
 * alternative names) are plain entries pointing at the same program; a program reads argv[0]
 * when its behaviour depends on the name it was invoked as.
 */
import type { Program } from '../command';
import { cat } from './cat';
import { echo } from './echo';
import { grep } from './grep';
import { install } from './install';
import { mktemp, expr, sync, arch, lsbRelease, nohup } from './misc';
import { lazyProgram } from '../lazy-program';
import { GNU_PROGRAMS, withGnuTexts } from './gnu-help/texts';
import { date } from './date';
import { sleep } from './sleep';
import { watch } from './watch';
import { env, printenv } from './envprog';
import { which } from './which';
import { clear, yes, less, more } from './terminal';
import { uname, nproc, free, uptime } from './sysinfo';
import { ps, kill } from './ps';
import { pgrep, pkill } from './pgrep';
import { pidof, killall } from './pidof';
import { lsof } from './lsof/index';
import { fuser } from './fuser';
import { tty, who, users, logname } from './logins';
import { top } from './top/index';
import { curl, wget, ping, nslookup, ip, ss } from './network';
import { nc } from './netcat';
import { timeout } from './timeout';
import { ls } from './ls';
import { cp } from './cp';
import { mv } from './mv';
import { rm } from './rm';
import { mkdir } from './mkdir';
import { rmdir } from './rmdir';
import { touch } from './touch';
import { ln } from './ln';
import { chmod } from './chmod';
import { stat } from './stat';
import { find } from './find';
import { du } from './du';
import { df } from './df';
import { tar } from './tar';
import { file } from './file';
import { chown, chgrp } from './chown';
import { useradd, usermod, userdel, groupadd } from './useradd';
import { basename, dirname, realpath, readlink } from './pathnames';
import { gzip, gunzip, zcat } from './gzip';
import { printf } from './printf';
import { tee } from './tee';
import { seq } from './seq';
import { rev } from './rev';
import { tac } from './tac';
import { nl } from './nl';
import { paste } from './paste';
import { fold } from './fold';
import { expand } from './expand';
import { column } from './column';
import { comm } from './comm';
import { base64 } from './base64';
import { diff } from './diff';
import { cmp } from './cmp';
import { hexdump } from './hexdump';
import { od } from './od';
import { xargs } from './xargs';
import { md5sum, sha1sum, sha256sum } from './checksum';
import { head } from './head';
import { tail } from './tail';
import { wc } from './wc';
import { uniq } from './uniq';
import { sort } from './sort';
import { cut } from './cut';
import { tr } from './tr';
import { falseProgram, trueProgram } from './true';
import { testProgram } from './test';

// The biggest of the shell's programs (jq and yq with their query languages and yq's YAML library,
// awk and sed) load on first use, or when the page preloads them after its first prompt.
const jq = lazyProgram(() => import('./jq').then((m) => m.jq));
const yq = lazyProgram(() => import('./yq').then((m) => m.yq));
const awk = lazyProgram(() => import('./awk').then((m) => m.awk));
const sed = lazyProgram(() => import('./sed').then((m) => m.sed));

/** Loads the code of the shell's programs that load on first use (once). */
export async function preloadShellPrograms(): Promise<void> {
  await Promise.all([jq, yq, awk, sed].map((program) => program.preload()));
}

const table: Record<string, Program> = {
  cat,
  echo,
  grep,
  install,
  mktemp,
  expr,
  sync,
  arch,
  lsb_release: lsbRelease,
  nohup,
  jq,
  yq,
  date,
  sleep,
  watch,
  env,
  printenv,
  which,
  clear,
  yes,
  less,
  more,
  uname,
  nproc,
  free,
  uptime,
  ps,
  top,
  kill,
  pgrep,
  pkill,
  pidof,
  killall,
  lsof,
  fuser,
  tty,
  who,
  users,
  logname,
  curl,
  wget,
  ping,
  nc,
  timeout,
  nslookup,
  ip,
  ss,
  ls,
  cp,
  mv,
  rm,
  mkdir,
  rmdir,
  touch,
  ln,
  chmod,
  stat,
  find,
  du,
  df,
  tar,
  file,
  chown,
  useradd,
  usermod,
  userdel,
  groupadd,
  chgrp,
  basename,
  dirname,
  realpath,
  readlink,
  gzip,
  gunzip,
  zcat,
  printf,
  tee,
  seq,
  rev,
  tac,
  nl,
  paste,
  fold,
  expand,
  column,
  comm,
  base64,
  diff,
  cmp,
  hexdump,
  od,
  xargs,
  md5sum,
  sha1sum,
  sha256sum,
  awk,
  mawk: awk,
  sed,
  head,
  tail,
  wc,
  uniq,
  sort,
  cut,
  tr,
  egrep: grep,
  fgrep: grep,
  true: trueProgram,
  false: falseProgram,
  test: testProgram,
  '[': testProgram,
};

/** The program table; the GNU programs load their recorded --help and --version texts when asked. */
export const programs: Record<string, Program> = Object.fromEntries(
  Object.entries(table).map(([name, program]) => [name, GNU_PROGRAMS.includes(name) ? withGnuTexts(program) : program]),
);
