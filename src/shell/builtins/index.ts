/**
 * The shell's builtins (run inside the shell process) and its session programs (real files in
 * /usr/bin, like sudo and ssh, that need the shell or the session to do their work).
 */
import type { Builtin, SessionProgram } from '../exec/interpreter';
import * as basic from './basic';
import * as vars from './vars';
import * as misc from './misc';
import * as extra from './extra';
import { kill } from './kill';
import { jobs } from './jobs';
import { id, groups, whoami, hostname } from './identity';
import { bash, sudo, su, ssh, scp } from './login';

export const builtins: Record<string, Builtin> = {
  ':': basic.colon,
  true: basic.trueBuiltin,
  false: basic.falseBuiltin,
  echo: basic.echo,
  printf: basic.printf,
  pwd: basic.pwd,
  cd: basic.cd,
  exit: basic.exit,
  logout: basic.logout,
  return: basic.returnBuiltin,
  break: basic.breakBuiltin,
  continue: basic.continueBuiltin,
  shift: basic.shift,
  export: vars.exportBuiltin,
  unset: vars.unset,
  local: vars.local,
  declare: vars.declare,
  typeset: vars.declare,
  readonly: vars.readonly,
  let: vars.let_,
  set: vars.set,
  shopt: vars.shopt,
  read: vars.read,
  alias: misc.alias,
  unalias: misc.unalias,
  type: misc.type,
  command: misc.command,
  hash: misc.hash,
  history: misc.history,
  source: misc.source,
  '.': misc.source,
  eval: misc.evalBuiltin,
  exec: misc.exec,
  test: misc.test,
  '[': misc.test,
  wait: misc.wait,
  kill,
  jobs,
  trap: misc.trap,
  umask: misc.umask,
  complete: misc.complete,
  compgen: misc.compgen,
  getopts: misc.getopts,
  times: misc.times,
  fg: misc.noJobControl,
  builtin: extra.builtin,
  mapfile: extra.mapfile,
  readarray: extra.mapfile,
  pushd: extra.pushd,
  popd: extra.popd,
  dirs: extra.dirs,
  compopt: extra.accept,
  disown: extra.accept,
  ulimit: extra.ulimit,
  bg: misc.noJobControl,
};

/** Programs with files in /usr/bin that need the shell (resolved before the program registry). */
export const sessionPrograms: Record<string, SessionProgram> = {
  bash,
  sh: bash,
  dash: bash,
  rbash: bash,
  sudo,
  su,
  ssh,
  scp,
  id,
  groups,
  whoami,
  hostname,
};
