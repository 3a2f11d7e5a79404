/**
 * The service manager of one machine: runtime state of units (active, inactive, failed, or in a
 * Restart=always loop), enable/disable/mask through symlinks, the journal. State is plain data in
 * machine.ext.systemd. A crash loop's failed attempts are computed from the clock when someone
 * looks (status, journalctl, is-active), which survives serialisation; only the attempt that may
 * find the service fixed needs to run on its own: a timer per looping unit (restart-timers.ts)
 * brings the loop up to date at each attempt, so a kubelet fixed over ssh runs again within its
 * RestartSec whether or not anyone looks at that machine.
 */
import type { Machine } from '../machine/machine';
import type { World } from '../world';
import { lineOffset, renderServiceLine, type JournalEntry, type ServiceLogLine } from './journal';
import { DEFAULT_BEHAVIOUR, SERVICE_BEHAVIOURS, type ServiceEnv } from './services';
import { setSocketActivation } from './cri-dockerd';
import { enablement, loadUnit, unitValue, wantedBy, type UnitFile } from './units';
import { BASE_UNITS, CENTOS_BASE_UNITS } from './base-units';
import { isRpmBased } from '../machine/machine';
import { adoptClusterNode } from '../packages/adopt';
import { followCrashLoop, setAttemptHandler } from './restart-timers';
import { socketHasCgroup, stoppedWith, triggeredService } from './triggers';
import { SIGNALS } from '../../shell/commands/lib/system';

export interface CrashLoop {
  /** When the first failed attempt started. */
  since: number;
  /** Milliseconds between attempt starts (run time + RestartSec). */
  period: number;
  firstPid: number;
  exitStatus: number;
  /** What each attempt prints before it exits (klog lines get each attempt's own time and pid). */
  lines: ServiceLogLine[];
  /** Restarts made before `since` (the loop went on from there failing another way). */
  restartsBefore?: number;
}

export interface UnitRuntime {
  state: 'active' | 'inactive' | 'failed';
  since: number;
  pid?: number;
  exitStatus?: number;
  crash?: CrashLoop;
  /** Its main process died on its own (kill): systemd starts it again at `at` (Restart=, RestartSec=). */
  autoRestart?: AutoRestart;
  /** Restarts systemd made since the last start by hand (the restart counter). */
  restarts?: number;
}

/** How a main process that died on its own ended, and when its restart is due. */
export interface AutoRestart {
  at: number;
  /** When it died. */
  diedAt: number;
  /** The signal that ended it, by name (KILL, TERM). */
  signal: string;
  /** systemd's word for it: 'success' (SIGTERM, SIGINT, SIGHUP, SIGPIPE are a clean end) or 'signal'. */
  result: 'success' | 'signal';
}

/** The signals systemd counts as a clean end of a service (SuccessExitStatus's defaults). */
const CLEAN_SIGNALS: ReadonlySet<string> = new Set(['HUP', 'INT', 'TERM', 'PIPE']);

export interface SystemdState {
  units: Record<string, UnitRuntime>;
  journal: JournalEntry[];
  /** Unit file contents as last loaded (daemon-reload), to warn when they changed on disk. */
  loaded: Record<string, string>;
}

const JOURNAL_LIMIT = 3000;
/** How long a failing service runs before it exits. */
const FAILED_RUN_MS = 70;

export type ActionResult = { ok: true } | { ok: false; reason: 'not-found' | 'masked' | 'failed' | 'not-loaded' };

export class Systemd {
  constructor(
    readonly machine: Machine,
    readonly world: World | undefined,
    private readonly now: () => number,
  ) {}

  nowMs(): number {
    return this.now();
  }

  get state(): SystemdState {
    let s = this.machine.ext.systemd as SystemdState | undefined;
    if (!s) {
      s = { units: {}, journal: [], loaded: {} };
      this.machine.ext.systemd = s;
      this.installBaseUnits(s);
      this.adoptNode(s);
    }
    return s;
  }

  /**
   * A node built by a cluster scenario: its kubelet and containerd units exist, enabled and
   * running since the scenario started them, with what they printed then (when it is known).
   */
  private adoptNode(s: SystemdState): void {
    for (const name of adoptClusterNode(this.machine, this.world)) {
      const unit = loadUnit(this.machine.rootFs, name);
      if (!unit) continue;
      for (const t of wantedBy(unit)) this.link(`/etc/systemd/system/${t}.wants`, name, unit.path);
      const pid = this.machine.allocatePid();
      const past = (SERVICE_BEHAVIOURS[name] ?? DEFAULT_BEHAVIOUR).adopted?.(this.env(pid));
      const since = past?.since ?? this.now() - 5 * 60_000;
      s.units[name] = { state: 'active', since, pid };
      this.journalStart(unit, pid, since, past?.logs, past?.readyAfterMs);
    }
  }

  /** A start that succeeded: systemd's lines around the process's own (Type=notify: "Started" once ready). */
  private journalStart(unit: UnitFile, pid: number, at: number, lines: ServiceLogLine[] | undefined, readyAfterMs: number | undefined): void {
    const desc = this.description(unit);
    const readyAt = readyAfterMs !== undefined && unitValue(unit, 'Service', 'Type') === 'notify' ? at + readyAfterMs : undefined;
    if (unit.name.endsWith('.socket')) {
      // A socket's start job: job.c's generic "Starting" when it passes through activating (a
      // control process: the chown helper, ExecStartPre=), then socket.c's own "Listening on".
      if (socketHasCgroup(unit)) this.log(unit.name, 'systemd', 1, `Starting ${desc}...`, at);
      this.log(unit.name, 'systemd', 1, `Listening on ${desc}.`, at);
      return;
    }
    if (readyAt !== undefined) this.log(unit.name, 'systemd', 1, `Starting ${desc}...`, at);
    else this.log(unit.name, 'systemd', 1, `Started ${desc}.`, at);
    this.journalLines(unit.name, identOf(unit.name), pid, lines, at);
    if (readyAt !== undefined) this.log(unit.name, 'systemd', 1, `Started ${desc}.`, readyAt);
  }

  private installBaseUnits(s: SystemdState): void {
    const fs = this.machine.rootFs;
    const bootAt = this.now() - (3 * 3600 + 17 * 60) * 1000;
    const rpm = isRpmBased(this.machine);
    for (const u of rpm ? CENTOS_BASE_UNITS : BASE_UNITS) {
      const path = `/usr/lib/systemd/system/${u.name}`;
      if (!fs.stat(path)) fs.writeFile(path, u.text);
      if (u.enabled) for (const t of wantedBy(loadUnit(fs, u.name) as UnitFile)) this.link(`/etc/systemd/system/${t}.wants`, u.name, `${rpm ? '/usr/lib' : '/lib'}/systemd/system/${u.name}`);
      if (u.active) s.units[u.name] = { state: 'active', since: bootAt, pid: u.pid };
    }
  }

  private link(dir: string, name: string, target: string): string {
    const fs = this.machine.rootFs;
    if (!fs.stat(dir)) fs.mkdir(dir, { recursive: true });
    const path = `${dir}/${name}`;
    if (!fs.lstat(path)) fs.symlink(target, path);
    return path;
  }

  unit(name: string): UnitFile | undefined {
    void this.state;
    return loadUnit(this.machine.rootFs, name);
  }

  runtime(name: string): UnitRuntime {
    this.settle(name);
    this.restartIfDue(name);
    return this.state.units[name] ?? { state: 'inactive', since: 0 };
  }

  /** 'active', 'inactive', 'failed' or 'activating' (between restarts), as is-active prints it. */
  activeState(name: string): string {
    const r = this.runtime(name);
    if (r.crash || r.autoRestart) return 'activating';
    return r.state;
  }

  isActive(name: string): boolean {
    return this.activeState(name) === 'active';
  }

  private env(pid: number): ServiceEnv {
    return { machine: this.machine, world: this.world, now: this.now(), pid, isActive: (u) => this.isActive(u) };
  }

  private log(unit: string, ident: string, pid: number, msg: string, t = this.now()): void {
    const j = this.state.journal;
    j.push({ t, unit, ident, pid, msg });
    if (j.length > JOURNAL_LIMIT) j.splice(0, j.length - JOURNAL_LIMIT);
  }

  /** A process's lines, each at its start plus its own offset. */
  private journalLines(name: string, ident: string, pid: number, lines: ServiceLogLine[] | undefined, startMs: number): void {
    for (const l of lines ?? []) this.log(name, ident, pid, renderServiceLine(l, startMs, pid), startMs + lineOffset(l));
  }

  /** The unit's restart timer follows its crash loop (armed while it loops, dropped after). */
  private followLoop(name: string): void {
    if (this.world) followCrashLoop(this.world, this.machine, name);
  }

  private description(unit: UnitFile): string {
    return unitValue(unit, 'Unit', 'Description') ?? unit.name;
  }

  private restartPolicy(unit: UnitFile): { always: boolean; delayMs: number } {
    const restart = unitValue(unit, 'Service', 'Restart') ?? 'no';
    const sec = unitValue(unit, 'Service', 'RestartSec') ?? '100ms';
    const m = /^(\d+(?:\.\d+)?)(ms|s|min)?$/.exec(sec);
    const delayMs = m ? Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'min' ? 60_000 : 1000) : 100;
    return { always: restart === 'always' || restart === 'on-failure', delayMs };
  }

  /** Start a unit (its Requires=, BindsTo=, Wants= first) at `at`, by default now. */
  start(name: string, at = this.now()): ActionResult {
    const unit = this.unit(name);
    if (!unit) return { ok: false, reason: 'not-found' };
    if (unit.masked) return { ok: false, reason: 'masked' };
    this.state.loaded[name] = this.fingerprint(unit);
    const cur = this.runtime(name);
    if (cur.state === 'active' && !cur.crash && !cur.autoRestart) return { ok: true };
    // Waiting for its restart after a death by signal: the start job runs it now.
    if (cur.autoRestart) {
      delete cur.autoRestart;
      this.followLoop(name);
    }
    // Requires=, BindsTo= and Wants= pull their units in first (docker.service starts containerd.service).
    for (const dep of dependenciesOf(unit)) if (dep !== name && this.unit(dep) && !this.isActive(dep)) this.start(dep, at);
    const result = this.launch(unit, at);
    // A Type=notify service that dies before it reports ready fails the start job, even when it will be restarted.
    if (result.ok && this.state.units[name]?.crash && unitValue(unit, 'Service', 'Type') === 'notify') return { ok: false, reason: 'failed' };
    return result;
  }

  private launch(unit: UnitFile, at: number): ActionResult {
    const name = unit.name;
    const desc = this.description(unit);
    const pid = this.machine.allocatePid();
    const behaviour = SERVICE_BEHAVIOURS[name] ?? DEFAULT_BEHAVIOUR;
    const outcome = behaviour.start(this.env(pid));
    const ident = identOf(name);
    if (outcome.ok) {
      this.journalStart(unit, pid, at, outcome.logs, outcome.readyAfterMs);
      this.state.units[name] = { state: 'active', since: at, pid };
      return { ok: true };
    }
    const policy = this.restartPolicy(unit);
    if (policy.always) {
      this.state.units[name] = { state: 'active', since: at, pid, crash: { since: at, period: FAILED_RUN_MS + policy.delayMs, firstPid: pid, exitStatus: outcome.exitStatus, lines: outcome.logs } };
      this.followLoop(name);
      return { ok: true };
    }
    this.log(name, 'systemd', 1, `Starting ${desc}...`, at);
    for (const l of outcome.logs) this.log(name, ident, pid, renderServiceLine(l, at, pid), at);
    this.log(name, 'systemd', 1, `${name}: Main process exited, code=exited, status=${outcome.exitStatus}/FAILURE`, at);
    this.log(name, 'systemd', 1, `${name}: Failed with result 'exit-code'.`, at);
    this.log(name, 'systemd', 1, `Failed to start ${desc}.`, at);
    this.state.units[name] = { state: 'failed', since: at, pid, exitStatus: outcome.exitStatus };
    return { ok: false, reason: 'failed' };
  }

  /**
   * Bring a crash loop up to now: if the service would start now (its config was fixed since), it
   * runs from the first attempt after the fix on (the latest attempt when the fix time is not
   * known); the failed attempts before it go to the journal. A fix newer than the latest attempt
   * has not been tried yet: the loop goes on as it was.
   */
  private settle(name: string): void {
    const r = this.state.units[name];
    if (!r?.crash) return;
    const now = this.now();
    const c = r.crash;
    const behaviour = SERVICE_BEHAVIOURS[name] ?? DEFAULT_BEHAVIOUR;
    const fixedAt = behaviour.changedAt?.(this.env(0));
    const due = Math.floor((now - c.since) / c.period) + 1;
    const firstAfterFix = fixedAt === undefined ? due : Math.ceil((fixedAt - c.since) / c.period) + 1;
    if (firstAfterFix > due) return;
    // The attempts up to the one that sees the fix (files older than the loop: the latest one).
    const attempts = firstAfterFix >= 2 ? firstAfterFix : due;
    if (attempts < 2) return;
    const latest = c.since + (attempts - 1) * c.period;
    // The attempt runs at its own time (its lines are journaled then).
    const probe = behaviour.start({ ...this.env(c.firstPid + attempts - 1), now: latest });
    if (!probe.ok) {
      // Still failing the same way: the loop goes on, its lines computed, not stored.
      if (JSON.stringify(probe.logs) === JSON.stringify(c.lines) && probe.exitStatus === c.exitStatus) return;
      // Failing another way now (one file fixed, the next check fails): the attempts so far keep
      // what they printed, the loop goes on from the latest attempt with the new failure.
      this.materialise(name, attempts - 1);
      c.restartsBefore = (c.restartsBefore ?? 0) + attempts - 1;
      c.since = latest;
      c.firstPid += attempts - 1;
      c.lines = probe.logs;
      c.exitStatus = probe.exitStatus;
      return;
    }
    this.materialise(name, attempts - 1);
    const unit = this.unit(name);
    const restarts = (c.restartsBefore ?? 0) + attempts - 1;
    delete r.crash;
    this.followLoop(name);
    // The failed attempts had pids of their own (firstPid on, computed): the one that runs comes after them.
    let pid = this.machine.allocatePid();
    while (pid <= c.firstPid + attempts - 2) pid = this.machine.allocatePid();
    r.state = 'active';
    r.since = latest;
    r.pid = pid;
    if (unit) {
      this.log(name, 'systemd', 1, `${name}: Scheduled restart job, restart counter is at ${restarts}.`, latest);
      this.log(name, 'systemd', 1, `Stopped ${this.description(unit)}.`, latest);
      this.log(name, 'systemd', 1, `Started ${this.description(unit)}.`, latest);
      this.journalLines(name, identOf(name), pid, probe.logs, latest);
    }
  }

  /**
   * The service's main process got a signal from outside (kill, pkill): it ends — cleanly for the
   * signals systemd counts so, `Failed with result 'signal'` otherwise — and a Restart=always (or,
   * after an unclean end, on-failure) service is started again after its RestartSec.
   */
  signal(name: string, signal: string): void {
    const unit = this.unit(name);
    const r = this.runtime(name);
    if (!unit || r.state !== 'active' || r.crash || r.autoRestart) return;
    const now = this.now();
    const clean = CLEAN_SIGNALS.has(signal);
    (SERVICE_BEHAVIOURS[name] ?? DEFAULT_BEHAVIOUR).stop?.(this.env(r.pid ?? 0));
    // A clean end's "Main process exited" is logged at debug level: the journal does not keep it.
    if (!clean) this.log(name, 'systemd', 1, `${name}: Main process exited, code=killed, status=${SIGNALS.indexOf(signal) + 1}/${signal}`, now);
    this.log(name, 'systemd', 1, clean ? `${name}: Deactivated successfully.` : `${name}: Failed with result 'signal'.`, now);
    const restart = unitValue(unit, 'Service', 'Restart') ?? 'no';
    if (restart === 'always' || (restart === 'on-failure' && !clean)) {
      r.autoRestart = { at: now + this.restartPolicy(unit).delayMs, diedAt: now, signal, result: clean ? 'success' : 'signal' };
      this.followLoop(name);
      return;
    }
    this.state.units[name] = { state: clean ? 'inactive' : 'failed', since: now, pid: r.pid, exitStatus: clean ? 0 : 128 + SIGNALS.indexOf(signal) + 1 };
  }

  /** A restart after a death by signal, once its RestartSec has passed: the unit runs again (a new pid). */
  private restartIfDue(name: string): void {
    const r = this.state.units[name];
    const due = r?.autoRestart;
    if (!due || this.now() < due.at) return;
    const unit = this.unit(name);
    delete r.autoRestart;
    this.followLoop(name);
    if (!unit) return;
    const restarts = (r.restarts ?? 0) + 1;
    this.log(name, 'systemd', 1, `${name}: Scheduled restart job, restart counter is at ${restarts}.`, due.at);
    this.log(name, 'systemd', 1, `Stopped ${this.description(unit)}.`, due.at);
    this.state.units[name] = { state: 'inactive', since: due.at };
    this.launch(unit, due.at);
    const again = this.state.units[name];
    if (again) again.restarts = restarts;
  }

  /** Journal lines of the first `count` failed attempts of a crash loop (the most recent 60 only). */
  crashLines(name: string, count?: number): JournalEntry[] {
    const r = this.state.units[name];
    const c = r?.crash;
    if (!c) return [];
    const unit = this.unit(name);
    const desc = unit ? this.description(unit) : name;
    const total = count ?? Math.floor((this.now() - c.since) / c.period) + 1;
    const out: JournalEntry[] = [];
    const ident = identOf(name);
    for (let k = Math.max(0, total - 60); k < total; k++) {
      const t = c.since + k * c.period;
      const pid = c.firstPid + k;
      const restarts = k + (c.restartsBefore ?? 0);
      if (restarts > 0) {
        out.push({ t, unit: name, ident: 'systemd', pid: 1, msg: `${name}: Scheduled restart job, restart counter is at ${restarts}.` });
        out.push({ t, unit: name, ident: 'systemd', pid: 1, msg: `Stopped ${desc}.` });
      }
      out.push({ t, unit: name, ident: 'systemd', pid: 1, msg: `Started ${desc}.` });
      for (const l of c.lines) out.push({ t: t + FAILED_RUN_MS - 10, unit: name, ident, pid, msg: renderServiceLine(l, t + FAILED_RUN_MS - 10, pid) });
      out.push({ t: t + FAILED_RUN_MS, unit: name, ident: 'systemd', pid: 1, msg: `${name}: Main process exited, code=exited, status=${c.exitStatus}/FAILURE` });
      out.push({ t: t + FAILED_RUN_MS, unit: name, ident: 'systemd', pid: 1, msg: `${name}: Failed with result 'exit-code'.` });
    }
    return out.filter((e) => e.t <= this.now());
  }

  private materialise(name: string, count?: number): void {
    for (const e of this.crashLines(name, count)) this.log(e.unit, e.ident, e.pid, e.msg, e.t);
  }

  /** Restarts done so far in a crash loop (for status). */
  crashInfo(name: string): { attempts: number; lastExit: number; lastPid: number } | undefined {
    const c = this.state.units[name]?.crash;
    if (!c) return undefined;
    const attempts = Math.floor((this.now() - c.since) / c.period) + 1;
    return { attempts, lastExit: c.since + (attempts - 1) * c.period + FAILED_RUN_MS, lastPid: c.firstPid + attempts - 1 };
  }

  /**
   * Stop a unit and the units its stop spreads to (Requires=, BindsTo=, PartOf= it: stopping
   * containerd stops docker, stopping cri-docker.service closes cri-docker.socket), in systemd's
   * order: a dependent ordered after the unit stops first; a socket it triggers closes after it.
   */
  stop(name: string, seen = new Set<string>()): ActionResult {
    const unit = this.unit(name);
    if (!unit) return { ok: false, reason: 'not-loaded' };
    seen.add(name);
    const fs = this.machine.rootFs;
    // Only running ones: a stop job on an inactive or failed unit changes nothing.
    const dependents = stoppedWith(fs, name).filter((n) => !seen.has(n) && this.runtime(n).state === 'active');
    const triggers = (n: string) => {
      const u = n.endsWith('.socket') ? loadUnit(fs, n) : undefined;
      return !!u && triggeredService(u) === name;
    };
    for (const d of dependents) seen.add(d);
    for (const d of dependents.filter((n) => !triggers(n))) this.stop(d, seen);
    this.stopOne(unit);
    for (const d of dependents.filter(triggers)) this.stop(d, seen);
    return { ok: true };
  }

  private stopOne(unit: UnitFile): void {
    const name = unit.name;
    const r = this.state.units[name];
    this.settle(name);
    if (!r || r.state === 'inactive') return;
    const now = this.now();
    if (r.crash) this.materialise(name);
    else if (r.autoRestart) {
      // Dead already, waiting for its restart: the stop job only cancels that.
      delete r.autoRestart;
      this.followLoop(name);
    } else if (r.state === 'active') {
      (SERVICE_BEHAVIOURS[name] ?? DEFAULT_BEHAVIOUR).stop?.(this.env(r.pid ?? 0));
      this.log(name, 'systemd', 1, `Stopping ${this.description(unit)}...`, now);
      this.log(name, 'systemd', 1, `${name}: Deactivated successfully.`, now);
    }
    // socket.c's finished stop job says "Closed", job.c's generic one "Stopped".
    this.log(name, 'systemd', 1, `${name.endsWith('.socket') ? 'Closed' : 'Stopped'} ${this.description(unit)}.`, now);
    this.state.units[name] = { state: 'inactive', since: now };
    if (r.crash) this.followLoop(name);
  }

  restart(name: string): ActionResult {
    const unit = this.unit(name);
    if (!unit) return { ok: false, reason: 'not-found' };
    if (unit.masked) return { ok: false, reason: 'masked' };
    const r = this.state.units[name];
    if (!r || r.state === 'inactive') return this.start(name);
    // A restart spreads as a try-restart to the running units its stop stops (transaction.c:
    // JOB_RESTART propagates JOB_TRY_RESTART): they come back once the unit is up again.
    const running = Object.keys(this.state.units).filter((n) => n !== name && this.state.units[n].state === 'active');
    this.stop(name);
    const stopped = running.filter((n) => this.state.units[n]?.state === 'inactive');
    const result = this.start(name);
    // They are ordered after it: their start jobs run once it reported ready (its "Started" line).
    const ready = Math.max(this.now(), ...this.state.journal.filter((e) => e.unit === name && e.ident === 'systemd' && e.msg.startsWith('Started ')).map((e) => e.t));
    for (const n of stopped) if (this.state.units[n]?.state === 'inactive') this.start(n, ready);
    return result;
  }

  /** Symlinks created (enable) or removed (disable), as systemctl reports them. */
  enable(name: string): { created: Array<[string, string]> } | ActionResult {
    const unit = this.unit(name);
    if (!unit) return { ok: false, reason: 'not-found' };
    if (unit.masked) return { ok: false, reason: 'masked' };
    const created: Array<[string, string]> = [];
    for (const t of wantedBy(unit)) {
      const dir = `/etc/systemd/system/${t}.wants`;
      if (this.machine.rootFs.lstat(`${dir}/${name}`)) continue;
      created.push([this.link(dir, name, unit.path), unit.path]);
    }
    return { created };
  }

  disable(name: string): { removed: string[] } | ActionResult {
    const unit = this.unit(name);
    if (!unit) return { ok: false, reason: 'not-found' };
    const removed: string[] = [];
    const fs = this.machine.rootFs;
    for (const t of wantedBy(unit)) {
      const p = `/etc/systemd/system/${t}.wants/${name}`;
      if (fs.lstat(p)) {
        fs.remove(p);
        removed.push(p);
      }
    }
    return { removed };
  }

  mask(name: string): string | ActionResult {
    const fs = this.machine.rootFs;
    const p = `/etc/systemd/system/${name}`;
    const l = fs.lstat(p);
    if (l && l.type !== 'symlink') return { ok: false, reason: 'failed' };
    if (!l) fs.symlink('/dev/null', p);
    return p;
  }

  unmask(name: string): string | undefined {
    const fs = this.machine.rootFs;
    const p = `/etc/systemd/system/${name}`;
    const l = fs.lstat(p);
    if (l?.type === 'symlink' && l.target === '/dev/null') {
      fs.remove(p);
      return p;
    }
    return undefined;
  }

  enablementOf(unit: UnitFile): string {
    return enablement(this.machine.rootFs, unit);
  }

  /** Content of the unit and its drop-ins, to notice changes not yet reloaded. */
  fingerprint(unit: UnitFile): string {
    const fs = this.machine.rootFs;
    const read = (p: string) => {
      try {
        return fs.readFile(p);
      } catch {
        return '';
      }
    };
    return [unit.path, read(unit.path), ...unit.dropIns.map((d) => d + read(d))].join('\u0000');
  }

  /** True when the unit's files changed since it was last loaded (systemctl warns). */
  changedOnDisk(name: string): boolean {
    const unit = this.unit(name);
    const before = this.state.loaded[name];
    return !!unit && before !== undefined && before !== this.fingerprint(unit);
  }

  daemonReload(): void {
    const s = this.state;
    for (const name of Object.keys(s.loaded)) {
      const unit = this.unit(name);
      if (unit) s.loaded[name] = this.fingerprint(unit);
      else delete s.loaded[name];
    }
  }

  journal(unit?: string): JournalEntry[] {
    const names = unit ? [unit] : Object.keys(this.state.units);
    // Crash loops brought up to now first: one fixed since runs, one failing otherwise says so.
    for (const n of names) this.settle(n);
    // A starting process's later lines are written with the times they carry: shown once due.
    const now = this.now();
    const stored = this.state.journal.filter((e) => (!unit || e.unit === unit) && e.t <= now);
    const computed = names.flatMap((n) => this.crashLines(n));
    return [...stored, ...computed].sort((a, b) => a.t - b.t);
  }

  /** A boot: every unit stops (without logs), then enabled units start. */
  boot(): void {
    const s = this.state;
    const now = this.now();
    for (const [name, r] of Object.entries(s.units)) {
      if (r.state === 'active' && !r.crash) (SERVICE_BEHAVIOURS[name] ?? DEFAULT_BEHAVIOUR).stop?.(this.env(r.pid ?? 0));
    }
    const looping = Object.keys(s.units).filter((n) => s.units[n].crash);
    s.units = {};
    s.loaded = {};
    const fs = this.machine.rootFs;
    let wanted: string[] = [];
    try {
      wanted = fs.readdir('/etc/systemd/system/multi-user.target.wants');
    } catch {
      /* nothing enabled */
    }
    // The runtimes before the kubelet, as the After= ordering of the units says; a unit's Requires=,
    // BindsTo= and Wants= come up with it (docker.service brings containerd.service even when that is not enabled).
    const order = (n: string) => (n === 'kubelet.service' ? 2 : n === 'docker.service' ? 1 : 0);
    const launched = new Set<string>();
    const bootUnit = (name: string) => {
      if (launched.has(name)) return;
      launched.add(name);
      const unit = this.unit(name);
      if (!unit || unit.masked) return;
      for (const dep of dependenciesOf(unit)) bootUnit(dep);
      this.launch(unit, now);
    };
    for (const name of wanted.sort((a, b) => order(a) - order(b))) bootUnit(name);
    // Loops of the last boot end with it (one that fails again has its timer re-armed by its launch).
    for (const name of looping) this.followLoop(name);
  }
}

/** The name a service's process logs under (its executable), e.g. dockerd for docker.service. */
const PROCESS_NAMES: Record<string, string> = { 'docker.service': 'dockerd', 'cri-docker.service': 'cri-dockerd', 'chrony.service': 'chronyd', 'chronyd.service': 'chronyd', 'ssh.service': 'sshd', 'crond.service': 'crond', 'cron.service': 'cron' };

function identOf(unit: string): string {
  return PROCESS_NAMES[unit] ?? unit.replace(/\.service$/, '');
}

function dependenciesOf(unit: UnitFile): string[] {
  const u = unit.sections.Unit ?? {};
  return [...(u.Requires ?? []), ...(u.BindsTo ?? []), ...(u.Wants ?? [])].flatMap((v) => v.split(/\s+/)).filter((n) => n.endsWith('.service') || n.endsWith('.socket'));
}

// A restart timer's attempt: the loop brought up to the world's now, as a look at the unit would.
setAttemptHandler((world, machine, unit) => void new Systemd(machine, world, () => world.clock.now()).runtime(unit));
// A connection to a listening socket unit starts its service (cri-docker.socket, src/sim/systemd/cri-dockerd.ts).
setSocketActivation((world, machine, unit) => void new Systemd(machine, world, () => world.clock.now()).start(unit));

export function systemdOf(machine: Machine, world: World | undefined, now: () => number): Systemd {
  return new Systemd(machine, world, now);
}
