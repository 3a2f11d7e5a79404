/** dpkg-query 1.21 (src/querycmd.c main): its option table and the dispatch to its actions. */
import type { DpkgPackage } from './database';
import type { Io } from './output';
import type { OptionSpec, ParsedOptions } from './options';
import { listPackages } from './list';
import { controlQuery, DEFAULT_SHOWFORMAT, listFiles, printAvail, printStatus, searchFiles, showPackages } from './query-actions';
import { DPKG_QUERY_HELP, DPKG_QUERY_VERSION } from './help';

const action = (long: string, short?: string): OptionSpec => ({ long, short, takesValue: 0, action: true });

export const QUERY_OPTIONS: OptionSpec[] = [
  action('listfiles', 'L'),
  action('status', 's'),
  action('print-avail', 'p'),
  action('list', 'l'),
  action('search', 'S'),
  action('show', 'W'),
  action('control-path', 'c'),
  action('control-list'),
  action('control-show'),
  { long: 'help', short: '?', takesValue: 0, immediate: DPKG_QUERY_HELP },
  { long: 'version', takesValue: 0, immediate: DPKG_QUERY_VERSION },
  { long: 'admindir', takesValue: 1 },
  { long: 'root', takesValue: 1 },
  { long: 'load-avail', takesValue: 0 },
  { long: 'showformat', short: 'f', takesValue: 1 },
  { long: 'no-pager', takesValue: 0 },
];

type QueryAction = (io: Io, packages: DpkgPackage[], args: string[], opts: ParsedOptions) => number;

const ACTIONS: Record<string, QueryAction> = {
  list: (io, pkgs, args) => listPackages(io, pkgs, args),
  show: (io, pkgs, args, opts) => showPackages(io, pkgs, args, opts.values.get('showformat') ?? DEFAULT_SHOWFORMAT),
  status: (io, pkgs, args) => printStatus(io, pkgs, args),
  'print-avail': (io, pkgs, args) => printAvail(io, pkgs, args),
  listfiles: (io, pkgs, args) => listFiles(io, pkgs, args),
  search: (io, pkgs, args) => searchFiles(io, pkgs, args),
  'control-path': (io, pkgs, args) => controlQuery(io, 'control-path', pkgs, args),
  'control-list': (io, pkgs, args) => controlQuery(io, 'control-list', pkgs, args),
  'control-show': (io, pkgs, args) => controlQuery(io, 'control-show', pkgs, args),
};

/** Run a dpkg-query action; the exit status is 1 when anything failed (`return !!ret`). */
export function runQuery(io: Io, packages: DpkgPackage[], opts: ParsedOptions): number {
  const run = ACTIONS[opts.action!.long!];
  return run(io, packages, opts.args, opts) ? 1 : 0;
}
