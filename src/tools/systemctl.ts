/** systemctl (systemd 249 as on jammy): a table of verbs over the machine's service manager. */
import { isRpmBased } from '../sim/machine/machine';
import type { CommandContext, Program } from '../shell/command';
import { Systemd } from '../sim/systemd/manager';
import { unitName, unitValue, type UnitFile } from '../sim/systemd/units';
import { agoText, formatEntry, statusTime } from '../sim/systemd/journal';
import { allUnitNames } from '../sim/systemd/units';
import { listenOf, socketHasCgroup, socketsTriggering, triggeredService } from '../sim/systemd/triggers';
import { isRoot, machineOf, out, worldOf } from './lib/context';
import { SIGNALS } from '../shell/commands/lib/system';
import { OUTPUT_MODES, systemdVersionOf } from './journalctl/help';
import { parseSystemctlArgs, SYSTEMCTL_HELP, UNIT_TYPES } from './systemctl-options';

interface Opts {
  now: boolean;
  quiet: boolean;
  noPager: boolean;
  all: boolean;
  lines: number;
  type?: string;
  state?: string;
  /** kill: the signal (-s, --signal=), and whose processes (--kill-who=main|control|all). */
  signal?: string;
  killWho?: string;
}

type Verb = (ctx: CommandContext, sd: Systemd, units: string[], o: Opts) => number;

export function systemdFor(ctx: CommandContext): Systemd {
  return new Systemd(machineOf(ctx), worldOf(ctx), () => ctx.clock.now());
}

const MODIFYING = new Set(['start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart', 'enable', 'disable', 'mask', 'unmask', 'daemon-reload', 'kill', 'reset-failed']);

function denied(ctx: CommandContext, verb: string, unit?: string): number {
  if (verb === 'daemon-reload') ctx.stderr.write('Failed to reload daemon: Interactive authentication required.\n');
  else if (verb === 'enable' || verb === 'disable' || verb === 'mask' || verb === 'unmask') ctx.stderr.write(`Failed to ${verb} unit: Interactive authentication required.\n`);
  else ctx.stderr.write(`Failed to ${verb} ${unit}: Interactive authentication required.\nSee system logs and 'systemctl status ${unit}' for details.\n`);
  return 1;
}

function warnChanged(ctx: CommandContext, sd: Systemd, name: string): void {
  if (sd.changedOnDisk(name)) ctx.stderr.write(`Warning: The unit file, source configuration file or drop-ins of ${name} changed on disk. Run 'systemctl daemon-reload' to reload units.\n`);
}

const startLike =
  (verb: 'start' | 'restart'): Verb =>
  (ctx, sd, units) => {
    for (const name of units) {
      warnChanged(ctx, sd, name);
      const r = verb === 'start' ? sd.start(name) : sd.restart(name);
      if (r.ok) continue;
      if (r.reason === 'not-found') ctx.stderr.write(`Failed to ${verb} ${name}: Unit ${name} not found.\n`);
      else if (r.reason === 'masked') ctx.stderr.write(`Failed to ${verb} ${name}: Unit ${name} is masked.\n`);
      else {
        ctx.stderr.write(`Job for ${name} failed because the control process exited with error code.\nSee "systemctl status ${name}" and "${systemd219(sd) ? 'journalctl -xe' : `journalctl -xeu ${name}`}" for details.\n`);
        return 1;
      }
      return r.reason === 'not-found' ? 5 : 1;
    }
    return 0;
  };

const stop: Verb = (ctx, sd, units) => {
  for (const name of units) {
    const r = sd.stop(name);
    if (!r.ok) {
      ctx.stderr.write(`Failed to stop ${name}: Unit ${name} not loaded.\n`);
      return 5;
    }
  }
  warnTriggeringSockets(ctx, sd, units);
  return 0;
};

/**
 * systemctl kill (systemd 249, unit_kill_common): the signal (SIGTERM unless -s says) to the unit's
 * processes. A unit not running has none: nothing happens, unless --kill-who=main asked for its
 * main process ("No main process to kill").
 */
const kill: Verb = (ctx, sd, units, o) => {
  const signal = (o.signal ?? 'TERM').toUpperCase().replace(/^SIG/, '');
  const known = SIGNALS.includes(signal) || /^\d+$/.test(signal);
  if (!known) {
    ctx.stderr.write(`Failed to parse signal string ${o.signal}.
`);
    return 1;
  }
  const name = /^\d+$/.test(signal) ? SIGNALS[Number(signal) - 1] ?? signal : signal;
  for (const unit of units) {
    if (!sd.unit(unit)) {
      ctx.stderr.write(`Failed to kill unit ${unit}: Unit ${unit} not loaded.
`);
      return 1;
    }
    const running = sd.runtime(unit).state === 'active' && sd.activeState(unit) === 'active';
    if (!running && o.killWho === 'main') {
      ctx.stderr.write(`Failed to kill unit ${unit}: No main process to kill
`);
      return 1;
    }
    if (running && o.killWho !== 'control') sd.signal(unit, name);
  }
  return 0;
};

/**
 * Once the stop jobs are done, systemctl warns of each stopped service that a socket still
 * listening can start again (systemctl-start-unit.c, warn_triggering_units): docker.service with
 * docker.socket, cri-docker.service with cri-docker.socket. Stopping both in one command: no warning.
 */
function warnTriggeringSockets(ctx: CommandContext, sd: Systemd, units: readonly string[]): void {
  for (const name of units) {
    if (!name.endsWith('.service')) continue;
    const socket = name.replace(/\.service$/, '.socket');
    if (sd.isActive(socket)) ctx.stderr.write(`Warning: Stopping ${name}, but it can still be activated by:\n  ${socket}\n`);
  }
}

const enable: Verb = (ctx, sd, units, o) => {
  for (const name of units) {
    const r = sd.enable(name);
    if ('ok' in r) {
      if (!r.ok && r.reason === 'masked') ctx.stderr.write(`Failed to enable unit: Unit file /etc/systemd/system/${name} is masked.\n`);
      else ctx.stderr.write(`Failed to enable unit: Unit file ${name} does not exist.\n`);
      return 1;
    }
    for (const [link, target] of r.created) ctx.stderr.write(systemd219(sd) ? `Created symlink from ${link} to ${target}.\n` : `Created symlink ${link} → ${target}.\n`);
    const unit = sd.unit(name);
    if (unit && !unit.sections.Install?.WantedBy?.length) {
      ctx.stderr.write(
        `The unit files have no installation config (WantedBy=, RequiredBy=, Also=,\nAlias= settings in the [Install] section, and DefaultInstance= for template\nunits). This means they are not meant to be enabled using systemctl.\n \nPossible reasons for having this kind of units are:\n• A unit may be statically enabled by being symlinked from another unit's\n  .wants/ or .requires/ directory.\n• A unit's purpose may be to act as a helper for some other unit which has\n  a requirement dependency on it.\n• A unit may be started when needed via activation (socket, path, timer,\n  D-Bus, udev, scripted systemctl call, ...).\n• In case of template units, the unit is meant to be enabled with some\n  instance name specified.\n`,
      );
    }
  }
  return o.now ? startLike('start')(ctx, sd, units, o) : 0;
};

const disable: Verb = (ctx, sd, units, o) => {
  for (const name of units) {
    const r = sd.disable(name);
    if ('ok' in r) {
      ctx.stderr.write(`Failed to disable unit: Unit file ${name} does not exist.\n`);
      return 1;
    }
    for (const p of r.removed) ctx.stderr.write(systemd219(sd) ? `Removed symlink ${p}.\n` : `Removed ${p}.\n`);
  }
  return o.now ? stop(ctx, sd, units, o) : 0;
};

const mask: Verb = (ctx, sd, units, o) => {
  for (const name of units) {
    const r = sd.mask(name);
    if (typeof r !== 'string') {
      ctx.stderr.write(`Failed to mask unit: File /etc/systemd/system/${name} already exists.\n`);
      return 1;
    }
    ctx.stderr.write(`Created symlink ${r} → /dev/null.\n`);
  }
  return o.now ? stop(ctx, sd, units, o) : 0;
};

const unmask: Verb = (ctx, sd, units) => {
  for (const name of units) {
    const p = sd.unmask(name);
    if (p) ctx.stderr.write(`Removed ${p}.\n`);
  }
  return 0;
};

const isActive: Verb = (ctx, sd, units, o) => {
  let rc = 0;
  for (const name of units) {
    const state = sd.unit(name) ? sd.activeState(name) : 'inactive';
    if (!o.quiet) out(ctx.stdout, state);
    if (state !== 'active') rc = 3;
  }
  return rc;
};

const isEnabled: Verb = (ctx, sd, units, o) => {
  let rc = 0;
  for (const name of units) {
    const unit = sd.unit(name);
    if (!unit) {
      ctx.stderr.write(`Failed to get unit file state for ${name}: No such file or directory\n`);
      return 1;
    }
    const state = sd.enablementOf(unit);
    if (!o.quiet) out(ctx.stdout, state);
    if (state !== 'enabled' && state !== 'static') rc = 1;
  }
  return rc;
};

const isFailed: Verb = (ctx, sd, units, o) => {
  let rc = 1;
  for (const name of units) {
    const state = sd.unit(name) ? sd.activeState(name) : 'inactive';
    if (!o.quiet) out(ctx.stdout, state);
    if (state === 'failed') rc = 0;
  }
  return rc;
};

function execStartLine(unit: UnitFile): string {
  const raw = unitValue(unit, 'Service', 'ExecStart') ?? '';
  return raw.replace(/^[-@:+!]+/, '');
}

function memoryOf(name: string): string {
  return name === 'kubelet.service' ? '36.8M' : name === 'containerd.service' ? '31.2M' : name === 'docker.service' ? '28.4M' : '4.1M';
}

/** CentOS 7 ships systemd 219, whose messages and status layout predate today's. */
function systemd219(sd: Systemd): boolean {
  return isRpmBased(sd.machine);
}

/** Ubuntu enables every unit by preset; CentOS 7's 90-default.preset enables only a few of the units we know. */
const CENTOS_PRESET_ENABLED = new Set(['sshd.service', 'crond.service', 'firewalld.service', 'chronyd.service', 'rsyslog.service', 'tuned.service', 'NetworkManager.service', 'auditd.service']);

function vendorPresetOf(sd: Systemd, name: string): string {
  return !systemd219(sd) || CENTOS_PRESET_ENABLED.has(name) ? 'enabled' : 'disabled';
}

export function statusText(sd: Systemd, name: string, host: string, lines: number): { text: string; code: number } {
  const unit = sd.unit(name);
  if (!unit) return { text: '', code: 4 };
  const r = sd.runtime(name);
  const crash = sd.crashInfo(name);
  const desc = unitValue(unit, 'Unit', 'Description') ?? name;
  // A socket (Accept=no) is "running" while its service runs, "listening" otherwise (socket.c socket_trigger_notify).
  const socket = name.endsWith('.socket');
  const dead = r.autoRestart;
  const running = r.state === 'active' && !crash && !dead;
  const dot = running ? '●' : r.state === 'failed' ? '×' : crash || dead ? '●' : '○';
  const rows: string[] = [`${dot} ${name} - ${desc}`];
  if (unit.masked) {
    rows.push('     Loaded: masked (Reason: Unit ' + name + ' is masked.)');
    rows.push('     Active: inactive (dead)');
    return { text: rows.join('\n') + '\n', code: 3 };
  }
  rows.push(`     Loaded: loaded (${unit.path}; ${sd.enablementOf(unit)}; vendor preset: ${vendorPresetOf(sd, name)})`);
  if (unit.dropIns.length) {
    const byDir = new Map<string, string[]>();
    for (const d of unit.dropIns) {
      const dir = d.slice(0, d.lastIndexOf('/'));
      byDir.set(dir, [...(byDir.get(dir) ?? []), d.slice(d.lastIndexOf('/') + 1)]);
    }
    let first = true;
    for (const [dir, files] of byDir) {
      rows.push(`${first ? '    Drop-In: ' : '             '}${dir}`);
      rows.push(`             └─${files.join(', ')}`);
      first = false;
    }
  }
  const nowMs = sd.nowMs();
  const since = (t: number) => `since ${statusTime(t)}; ${agoText(nowMs - t)}`;
  // Between attempts the unit waits for its restart; during an attempt it runs (briefly).
  const attemptRunning = !!crash && crash.lastExit > nowMs;
  if (attemptRunning && crash) rows.push(`     Active: active (running) ${since(crash.lastExit - 70)}`);
  else if (crash) rows.push(`     Active: activating (auto-restart) (Result: exit-code) ${since(crash.lastExit)}`);
  // systemd names the result only when it is not a success.
  else if (dead) rows.push(`     Active: activating (auto-restart)${dead.result === 'success' ? '' : ` (Result: ${dead.result})`} ${since(dead.diedAt)}`);
  else if (socket && r.state === 'active') rows.push(`     Active: active (${sd.isActive(triggeredService(unit)) ? 'running' : 'listening'}) ${since(r.since)}`);
  else if (r.state === 'active') rows.push(`     Active: active (running) ${since(r.since)}`);
  else if (r.state === 'failed') rows.push(`     Active: failed (Result: exit-code) ${since(r.since)}`);
  else rows.push(r.since ? `     Active: inactive (dead) ${since(r.since)}` : '     Active: inactive (dead)');
  rows.push(...triggerRows(sd, unit));
  const docs = unit.sections.Unit?.Documentation ?? [];
  docs.forEach((d, i) => rows.push(`${i === 0 ? '       Docs: ' : '             '}${d}`));
  if (socket) {
    listenOf(unit).forEach((l, i) => rows.push(`${i === 0 ? '     Listen: ' : '             '}${l.address} (${l.type})`));
    // No main process: while it listens, the cgroup its chown helper ran in, empty now.
    if (r.state === 'active' && socketHasCgroup(unit)) rows.push('      Tasks: 0 (limit: 4558)', '     Memory: 0B', '        CPU: 1ms', `     CGroup: /system.slice/${name}`);
    return finish(sd, rows, name, host, lines, r.state === 'active');
  }
  const exec = execStartLine(unit);
  const prog = exec.split(/\s+/)[0]?.split('/').pop() ?? '';
  if (crash) {
    rows.push(`    Process: ${crash.lastPid} ExecStart=${exec} (code=exited, status=${r.crash?.exitStatus ?? 1}/FAILURE)`);
    rows.push(`   Main PID: ${crash.lastPid} (code=exited, status=${r.crash?.exitStatus ?? 1}/FAILURE)`);
    rows.push('        CPU: 71ms');
  } else if (dead) {
    // The Go daemons end on SIGTERM by themselves (exit 0); an uncaught signal kills them.
    rows.push(`   Main PID: ${r.pid} (${dead.result === 'success' ? 'code=exited, status=0/SUCCESS' : `code=killed, signal=${dead.signal}`})`);
  } else if (r.state === 'failed') {
    rows.push(`    Process: ${r.pid} ExecStart=${exec} (code=exited, status=${r.exitStatus ?? 1}/FAILURE)`);
    rows.push(`   Main PID: ${r.pid} (code=exited, status=${r.exitStatus ?? 1}/FAILURE)`);
  } else if (running) {
    rows.push(`   Main PID: ${r.pid} (${prog.slice(0, 15)})`);
    rows.push(`      Tasks: ${name === 'kubelet.service' ? 12 : 8} (limit: 4558)`);
    rows.push(`     Memory: ${memoryOf(name)}`);
    rows.push(`        CPU: ${(((nowMs - r.since) / 1000) * 0.004 + 0.2).toFixed(3)}s`);
    rows.push(`     CGroup: /system.slice/${name}`);
    rows.push(`             └─${r.pid} ${expandVars(exec, unit)}`);
  }
  return finish(sd, rows, name, host, lines, running);
}

/** The status rows, then the unit's last journal lines; exit status 0 only for a running unit. */
function finish(sd: Systemd, rows: string[], name: string, host: string, lines: number, running: boolean): { text: string; code: number } {
  const log = sd.journal(name).slice(-lines);
  // systemd 219 (CentOS 7) aligns the labels two columns further left and has no Tasks/CPU lines.
  const shown = systemd219(sd) ? rows.filter((r, i) => i === 0 || !/^\s+(Tasks|CPU):/.test(r)).map((r, i) => (i === 0 ? r : r.slice(2))) : rows;
  let text = shown.join('\n') + '\n';
  if (lines > 0 && log.length) text += '\n' + log.map((e) => formatEntry(e, host)).join('\n') + '\n';
  return { text, code: running ? 0 : 3 };
}

/** unit_active_state_to_glyph (systemd 249): ● active or changing, ○ inactive, × failed. */
function stateGlyph(state: string): string {
  return state === 'inactive' ? '○' : state === 'failed' ? '×' : '●';
}

/**
 * print_status_info's lines after Active: (systemd 249 systemctl-show.c): a service's
 * "TriggeredBy:" sockets, each with the glyph of its state; a socket's "Triggers:" service, always
 * with ● there. systemd 219 has neither line.
 */
function triggerRows(sd: Systemd, unit: UnitFile): string[] {
  if (systemd219(sd)) return [];
  if (unit.name.endsWith('.socket')) return [`   Triggers: ● ${triggeredService(unit)}`];
  if (!unit.name.endsWith('.service')) return [];
  return socketsTriggering(sd.machine.rootFs, unit.name).map((s, i) => `${i === 0 ? 'TriggeredBy:' : '            '} ${stateGlyph(sd.activeState(s))} ${s}`);
}

/** ExecStart with $VARS from Environment= replaced, as the CGroup line shows the real command. */
function expandVars(exec: string, unit: UnitFile): string {
  const env: Record<string, string> = {};
  for (const e of unit.sections.Service?.Environment ?? []) {
    const m = /^"?([A-Za-z_][A-Za-z0-9_]*)=(.*?)"?$/.exec(e);
    if (m) env[m[1]] = m[2];
  }
  return exec
    .replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, v: string) => env[v] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

const status: Verb = (ctx, sd, units, o) => {
  let rc = 0;
  const texts: string[] = [];
  if (!units.length) {
    const failed = Object.keys(sd.state.units).filter((n) => sd.activeState(n) === 'failed').length;
    out(ctx.stdout, `● ${ctx.host}\n    State: ${failed ? 'degraded' : 'running'}\n     Jobs: 0 queued\n   Failed: ${failed} units\n    Since: ${statusTime(sd.nowMs() - (3 * 3600 + 17 * 60) * 1000)}\n   CGroup: /`);
    return 0;
  }
  for (const name of units) {
    const s = statusText(sd, name, ctx.host, o.lines);
    if (s.code === 4) {
      ctx.stderr.write(`Unit ${name} could not be found.\n`);
      rc = 4;
      continue;
    }
    warnChanged(ctx, sd, name);
    texts.push(s.text);
    if (s.code && !rc) rc = s.code;
  }
  if (texts.length) ctx.stdout.write(texts.join('\n'));
  return rc;
};

const daemonReload: Verb = (_ctx, sd) => {
  sd.daemonReload();
  return 0;
};

/** The unit types list-units shows here (services and sockets), or those --type names. */
const LISTED_TYPES = ['service', 'socket'];

/** A unit's SUB state: a service's running/exited/auto-restart, a socket's running/listening (its service's), else dead or failed. */
function subState(sd: Systemd, unit: UnitFile, active: string): string {
  if (active === 'failed') return 'failed';
  if (active === 'activating') return 'auto-restart';
  if (active !== 'active') return 'dead';
  if (unit.name.endsWith('.socket')) return sd.isActive(triggeredService(unit)) ? 'running' : 'listening';
  return unitValue(unit, 'Service', 'Type') === 'oneshot' ? 'exited' : 'running';
}

const listUnits: Verb = (ctx, sd, _units, o) => {
  const types = o.type ? o.type.split(',') : LISTED_TYPES;
  // unit_info_compare (systemd 249): by type (the suffix), then by name.
  const suffix = (n: string) => n.slice(n.lastIndexOf('.'));
  const names = allUnitNames(sd.machine.rootFs)
    .filter((n) => types.includes(n.slice(n.lastIndexOf('.') + 1)))
    .sort((a, b) => (suffix(a) < suffix(b) ? -1 : suffix(a) > suffix(b) ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const rows: string[][] = [];
  for (const name of names) {
    const unit = sd.unit(name);
    if (!unit || unit.masked) continue;
    const active = sd.activeState(name);
    if (!o.all && active === 'inactive') continue;
    if (o.state && active !== o.state && !(o.state === 'running' && active === 'active')) continue;
    const sub = subState(sd, unit, active);
    rows.push([name, 'loaded', active, sub, unitValue(unit, 'Unit', 'Description') ?? name]);
  }
  const w = [0, 1, 2, 3].map((i) => Math.max(['UNIT', 'LOAD', 'ACTIVE', 'SUB'][i].length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `  ${r[0].padEnd(w[0])} ${r[1].padEnd(w[1])} ${r[2].padEnd(w[2])} ${r[3].padEnd(w[3])} ${r[4]}`.trimEnd();
  let text = line(['UNIT', 'LOAD', 'ACTIVE', 'SUB', 'DESCRIPTION']) + '\n';
  for (const r of rows) text += line(r).replace(/^ /, r[2] === 'failed' ? '●' : ' ') + '\n';
  text += '\nLOAD   = Reflects whether the unit definition was properly loaded.\nACTIVE = The high-level unit activation state, i.e. generalization of SUB.\nSUB    = The low-level unit activation state, values depend on unit type.\n';
  text += `${rows.length} loaded units listed.${o.all ? '' : ' Pass --all to see loaded but inactive units, too.'}\nTo show all installed unit files use 'systemctl list-unit-files'.\n`;
  ctx.stdout.write(text);
  return 0;
};

const listUnitFiles: Verb = (ctx, sd, units) => {
  const pattern = units[0] ? new RegExp('^' + units[0].replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$') : undefined;
  const names = allUnitNames(sd.machine.rootFs).filter((n) => !pattern || pattern.test(n));
  const rows = names.map((n) => {
    const u = sd.unit(n);
    return [n, u ? sd.enablementOf(u) : 'bad', 'enabled'];
  });
  const w0 = Math.max(9, ...rows.map((r) => r[0].length));
  const w1 = Math.max(5, ...rows.map((r) => r[1].length));
  let text = `${'UNIT FILE'.padEnd(w0)} ${'STATE'.padEnd(w1)} VENDOR PRESET\n`;
  for (const r of rows) text += `${r[0].padEnd(w0)} ${r[1].padEnd(w1)} ${r[2]}\n`;
  text += `\n${rows.length} unit files listed.\n`;
  ctx.stdout.write(text);
  return 0;
};

const cat: Verb = (ctx, sd, units) => {
  for (const name of units) {
    const unit = sd.unit(name);
    if (!unit) {
      ctx.stderr.write(`No files found for ${name}.\n`);
      return 1;
    }
    const fs = sd.machine.rootFs;
    let text = `# ${unit.path}\n${fs.readFile(unit.path)}`;
    for (const d of unit.dropIns) text += `\n# ${d}\n${fs.readFile(d)}`;
    ctx.stdout.write(text);
  }
  return 0;
};

const VERBS: Record<string, { run: Verb; needsUnits: boolean }> = {
  start: { run: startLike('start'), needsUnits: true },
  restart: { run: startLike('restart'), needsUnits: true },
  'try-restart': { run: startLike('restart'), needsUnits: true },
  'reload-or-restart': { run: startLike('restart'), needsUnits: true },
  reload: { run: startLike('restart'), needsUnits: true },
  stop: { run: stop, needsUnits: true },
  enable: { run: enable, needsUnits: true },
  disable: { run: disable, needsUnits: true },
  mask: { run: mask, needsUnits: true },
  unmask: { run: unmask, needsUnits: true },
  status: { run: status, needsUnits: false },
  'is-active': { run: isActive, needsUnits: true },
  'is-enabled': { run: isEnabled, needsUnits: true },
  'is-failed': { run: isFailed, needsUnits: true },
  'daemon-reload': { run: daemonReload, needsUnits: false },
  'list-units': { run: listUnits, needsUnits: false },
  'list-unit-files': { run: listUnitFiles, needsUnits: false },
  cat: { run: cat, needsUnits: true },
  kill: { run: kill, needsUnits: true },
};

export const systemctl: Program = async (ctx) => {
  const args = parseSystemctlArgs(ctx.argv.slice(1));
  if ('error' in args) {
    ctx.stderr.write(args.error);
    return 1;
  }
  if (args.action !== 'run') {
    const version = systemdVersionOf(machineOf(ctx));
    ctx.stdout.write({ help: SYSTEMCTL_HELP, version, 'types-help': `Available unit types:\n${UNIT_TYPES.join('\n')}\n`, 'output-help': OUTPUT_MODES.map((m) => `${m}\n`).join('') }[args.action]);
    return 0;
  }
  const o: Opts = { now: false, quiet: false, noPager: false, all: false, lines: args.lines ?? 10, type: args.types[0], state: args.states[0] };
  for (const { key, value } of args.options) {
    if (key === 'now') o.now = true;
    else if (key === 'quiet') o.quiet = true;
    else if (key === 'no-pager' || key === 'full' || key === 'no-legend' || key === 'no-block') o.noPager = true;
    else if (key === 'all') o.all = true;
    else if (key === 'signal') o.signal = value;
    else if (key === 'kill-who') o.killWho = value;
  }
  const words = args.words;
  const verb = words[0] ?? 'list-units';
  const entry = VERBS[verb];
  if (!entry) {
    ctx.stderr.write(isRpmBased(machineOf(ctx)) ? `Unknown operation '${verb}'.\n` : `Unknown command verb ${verb}.\n`);
    return 1;
  }
  const units = words.slice(1).map(unitName);
  if (entry.needsUnits && !units.length) {
    ctx.stderr.write(`Too few arguments.\n`);
    return 1;
  }
  const sd = systemdFor(ctx);
  if (MODIFYING.has(verb) && !isRoot(ctx)) return denied(ctx, verb, units[0]);
  return entry.run(ctx, sd, units, o);
};
