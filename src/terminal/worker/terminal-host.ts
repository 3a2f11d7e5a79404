/**
 * Everything the worker runs, without the worker: the world of a scenario on a realtime clock,
 * a shell session on a machine, and the terminal controller, talking through messages. Kept free
 * of worker globals so tests can drive it directly.
 */
import { connectToServer } from '../../runtime/network';
import { openSystemSession } from '../../runtime/system-session';
import { preloadSystemPrograms } from '../../runtime/programs';
import { loadKubectlCompletion } from '../completion/kubectl';
import { World } from '../../sim/world';
import type { Disposable, TerminalIO } from '../backend';
import { kubectlSourceFromTransport } from '../completion/kubectl-source';
import { TerminalController } from '../controller';
import type { HistoryStore } from '../readline/history';
import { sessionBackend } from '../session-backend';
import { memorySnapshotCache, type SnapshotCache } from './snapshot-cache';
import type { PageToWorker, WorkerToPage } from './protocol';
import type { VizFeed } from './viz-feed';
import type { LabResult } from '../../labs/grader';
import type { Session } from '../../shell/session';
import type { ApiTransport } from '../../sim/apiserver/types';
import type { ExamDriver } from './exam-host';

/** How often real time is fed to the simulated clock in the browser. */
export const CLOCK_TICK_MS = 100;

/** When the second stage of a boot starts if the page never says its screen shows the prompt. */
export const SECOND_STAGE_FALLBACK_MS = 2000;

/** How often the learner's world is saved (when they typed since the last save). */
export const SAVE_EVERY_MS = 3000;

/** Where kubeadm clusters of the scenarios listen (the control plane cka01). */
const API_SERVER_URL = 'https://192.168.6.171:6443';

export interface HostTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

export class TerminalHost {
  private controller: TerminalController | undefined;
  private tick: unknown;
  private cols = 80;
  private rows = 24;
  private init: Extract<PageToWorker, { type: 'init' }> | undefined;
  private histories: Record<string, string[]> = {};
  private readonly dataListeners = new Set<(data: string) => void>();
  private readonly resizeListeners = new Set<(cols: number, rows: number) => void>();
  private pendingOutput = '';
  private flushScheduled = false;

  constructor(
    private readonly post: (message: WorkerToPage) => void,
    private readonly timers: HostTimers,
    private readonly snapshots: SnapshotCache = memorySnapshotCache(),
    /** Identifies the code that built a snapshot (the worker script's hashed URL in the page). */
    private readonly buildId = 'dev',
    /** Builds a lab's starting world (bundled lab files in the page). */
    private readonly labWorld?: (id: string) => Promise<{ world?: World; error?: string }>,
    /** Grades a world against a lab's checks (bundled lab files in the page). */
    private readonly gradeLab?: (world: World, id: string) => Promise<{ result?: LabResult; error?: string }>,
    /** Loads the exam's code (a chunk of its own: chapter and lab terminals never load it). */
    private readonly loadExam?: () => Promise<typeof import('./exam-host')>,
  ) {}

  /** The exam attempt this terminal runs, once an exam page started one. */
  private exam: ExamDriver | undefined;

  private async examDriver(): Promise<ExamDriver | undefined> {
    if (this.exam || !this.loadExam) return this.exam;
    const { ExamDriver } = await this.loadExam();
    this.exam ??= new ExamDriver({
      post: (m) => this.post(m),
      runSession: (session, worlds, transport, started) => this.runSession(session, worlds, transport, started),
      stop: () => this.stop(),
      clearScreen: () => this.output('\x1bc'),
      snapshots: this.snapshots,
      buildId: this.buildId,
      columns: () => this.cols,
      now: () => this.timers.now(),
    });
    return this.exam;
  }

  private world: World | undefined;
  /**
   * The second stage of a boot: the prompt comes up on the restored machines first, then the
   * cluster's code loads and the cluster is re-attached (src/terminal/worker/full-world.ts), and
   * the code that loads on first use (kubectl, the machine tools, kubectl's completion data) is
   * fetched. It starts when the page says its screen shows the prompt ('painted'), so that it does
   * not take the CPU from the page while the page mounts its screen; or at the first input that
   * needs it (Enter runs a command, Tab completes kubectl names), which waits for it. Plain keys
   * echo at once.
   */
  private secondStage: (() => Promise<void>) | undefined;
  private fullWorld: Promise<void> | undefined;
  private stageTimer: unknown;
  private completionData: Promise<void> = Promise.resolve();
  private viz: VizFeed | undefined;
  private vizOn = false;
  /** The learner has typed since the world was last saved. */
  private dirty = false;
  private saveTimer: unknown;

  /** Where the learner's own world is kept between visits: one per lab, one per scenario otherwise. */
  private progressKey(): string {
    const init = this.init!;
    return `progress:${init.lab ? `lab:${init.lab}` : init.scenario}@${this.buildId}`;
  }

  /** Save the world a few seconds after the learner typed, so that a reload finds it as it was. */
  private saveSoon(): void {
    if (this.dirty && this.exam?.active) {
      this.dirty = false;
      void this.exam.save();
      return;
    }
    if (!this.dirty || !this.world) return;
    this.dirty = false;
    void this.snapshots.put(this.progressKey(), JSON.parse(JSON.stringify(this.world.toJSON())) as ReturnType<World['toJSON']>);
  }

  async handle(message: PageToWorker): Promise<void> {
    if (message.type === 'painted') return void this.beginSecondStage();
    if (needsFullWorld(message)) await this.beginSecondStage();
    // kubectl's recorded command tree loads in the second stage; a Tab waits for it.
    if (message.type === 'data' && message.data.includes('\t')) await this.completionData;
    switch (message.type) {
      case 'init':
        this.init = message;
        this.cols = message.cols;
        this.rows = message.rows;
        this.histories = { ...message.histories };
        // The exam page boots its worlds with exam-start instead.
        if (!message.deferBoot) await this.boot();
        return;
      case 'data':
        this.dirty = true;
        for (const l of this.dataListeners) l(message.data);
        return;
      case 'resize':
        this.cols = message.cols;
        this.rows = message.rows;
        for (const l of this.resizeListeners) l(message.cols, message.rows);
        return;
      case 'run':
        this.dirty = true;
        this.controller?.typeCommand(message.command);
        return;
      case 'reset':
        this.stop();
        this.output('\x1bc');
        await this.boot({ fresh: true });
        return;
      case 'lab-start':
        if (!this.init) return;
        this.init = { ...this.init, lab: message.lab };
        this.stop();
        this.output('\x1bc');
        await this.boot({ fresh: true });
        return;
      case 'lab-check':
        await this.check(message.lab);
        return;
      case 'ping':
        // The worker script answers pings ahead of its queue; a host driven directly answers here.
        this.post({ type: 'pong', id: message.id });
        return;
      case 'viz':
        this.vizOn = message.on;
        if (message.on) this.viz?.start();
        else this.viz?.stop();
        return;
      case 'exam-start':
      case 'exam-grade':
      case 'exam-check':
      case 'exam-solution':
      case 'exam-replay': {
        const driver = await this.examDriver();
        if (!driver) return this.post({ type: 'exam-error', message: 'exams are not available in this terminal' });
        await driver.handle(message);
        if (message.type === 'exam-start' && this.saveTimer === undefined) this.saveTimer = this.timers.setInterval(() => this.saveSoon(), SAVE_EVERY_MS);
        return;
      }
      case 'viz-detail': {
        const detail = this.viz?.detail(message.query) ?? { key: message.query.key, revision: message.query.revision, error: 'the terminal is not ready' };
        this.post({ type: 'viz-detail', id: message.id, detail });
        return;
      }
    }
  }

  /** Grade the running world for the lab panel: only the lab's own world can pass its checks. */
  private async check(lab: string): Promise<void> {
    const world = this.world;
    const nowMs = world?.clock.now() ?? 0;
    if (!world || !this.gradeLab) return this.post({ type: 'lab-result', lab, error: 'no world', nowMs });
    if (this.init?.lab !== lab) return this.post({ type: 'lab-result', lab, error: `the terminal does not run the lab ${lab}`, nowMs });
    const graded = await this.gradeLab(world, lab);
    this.post({ type: 'lab-result', lab, ...graded, nowMs });
  }

  stop(): void {
    this.saveSoon();
    if (this.saveTimer !== undefined) this.timers.clearInterval(this.saveTimer);
    this.saveTimer = undefined;
    this.viz?.stop();
    this.viz = undefined;
    this.controller?.dispose();
    this.controller = undefined;
    if (this.tick !== undefined) this.timers.clearInterval(this.tick);
    this.tick = undefined;
    this.clearStageTimer();
    this.dataListeners.clear();
    this.resizeListeners.clear();
  }

  private async boot(options: { fresh?: boolean } = {}): Promise<void> {
    const init = this.init!;
    const started = this.timers.now();
    const progress = options.fresh ? undefined : await this.snapshots.get(this.progressKey());
    let world: World | undefined;
    if (progress) {
      try {
        world = World.fromJSON(progress);
      } catch {
        world = undefined; // saved by code that reads it no more: start afresh
      }
    }
    world ??= await this.startingWorld(init.scenario, init.lab);
    if (options.fresh) {
      // A reset or a new lab replaces what was saved.
      this.dirty = true;
      this.world = world;
      this.saveSoon();
    }
    this.saveTimer = this.timers.setInterval(() => this.saveSoon(), SAVE_EVERY_MS);
    this.world = world;
    // In the page, simulated time follows real time: sleepers wait, controllers act on schedule.
    world.clock.mode = 'realtime';
    const session = openSystemSession(world, { host: init.host, user: 'root', columns: this.cols });
    await this.runSession(session, [world], () => connectToServer(world, API_SERVER_URL, session.machine.hostname) ?? undefined, started, () => this.completeWorld(world));
  }

  private clearStageTimer(): void {
    if (this.stageTimer !== undefined) this.timers.clearInterval(this.stageTimer);
    this.stageTimer = undefined;
  }

  /** Start the second stage (once per session on screen); resolves when the world is whole. */
  private beginSecondStage(): Promise<void> {
    this.clearStageTimer();
    if (!this.fullWorld) {
      const stage = this.secondStage ?? (async () => undefined);
      this.fullWorld = stage().then(() => {
        this.completionData = loadKubectlCompletion().catch(() => undefined);
        void preloadSystemPrograms().catch(() => undefined);
      });
    }
    return this.fullWorld;
  }

  /** Second stage: the cluster's code, the cluster re-attached, the architecture view's feed, completion data, lazy programs. */
  private async completeWorld(world: World): Promise<void> {
    try {
      const full = await import('./full-world');
      full.completeWorld(world);
      if (this.world !== world) return;
      this.viz = new full.VizFeed(world, (batch) => this.post({ type: 'viz-steps', batch }), this.timers);
      if (this.vizOn) this.viz.start();
    } catch (err) {
      this.post({ type: 'error', message: `the cluster could not be loaded: ${String((err as Error)?.message ?? err)}` });
    }
  }

  /**
   * Put a session on the screen: every world's clock follows real time (a chapter has one world; an
   * exam has the base and one per host), keys go to the line editor, and the prompt comes up.
   */
  async runSession(session: Session, worlds: readonly World[], transport: () => ApiTransport | undefined, started = this.timers.now(), secondStage?: () => Promise<void>): Promise<void> {
    const clocks = worlds.map((w) => w.clock);
    for (const clock of clocks) clock.mode = 'realtime';
    await session.ready;
    // The `history` builtin lists what the arrows recall, also from earlier visits.
    const saved = this.histories[session.historyKey()];
    if (saved?.length) session.active.history.unshift(...saved);
    let last = this.timers.now();
    this.tick = this.timers.setInterval(() => {
      const now = this.timers.now();
      for (const clock of clocks) clock.advance(now - last);
      last = now;
    }, CLOCK_TICK_MS);
    const host = this;
    const io: TerminalIO = {
      get cols() {
        return host.cols;
      },
      get rows() {
        return host.rows;
      },
      write: (data) => this.output(data),
      onData: (l): Disposable => {
        this.dataListeners.add(l);
        return { dispose: () => void this.dataListeners.delete(l) };
      },
      onResize: (l): Disposable => {
        this.resizeListeners.add(l);
        return { dispose: () => void this.resizeListeners.delete(l) };
      },
    };
    const store: HistoryStore = {
      load: (key) => [...(this.histories[key] ?? [])],
      save: (key, entries) => {
        this.histories[key] = [...entries];
        this.post({ type: 'history', key, entries: [...entries] });
      },
    };
    const kubectl = kubectlSourceFromTransport(transport);
    this.controller = new TerminalController(io, sessionBackend(session, { kubectl: () => kubectl }), { historyStore: store });
    this.controller.start();
    this.post({ type: 'ready', bootMs: this.timers.now() - started });
    // The second stage waits for the page's 'painted' (or the first Enter or Tab); should neither
    // come, it starts after a while anyway.
    this.secondStage = secondStage;
    this.fullWorld = undefined;
    this.clearStageTimer();
    this.stageTimer = this.timers.setInterval(() => void this.beginSecondStage(), SECOND_STAGE_FALLBACK_MS);
  }

  /** A fresh world of the scenario: restored from the snapshot cache, or built (and cached). */
  private async startingWorld(scenario: string, lab?: string): Promise<World> {
    const key = lab ? `lab:${lab}@${this.buildId}` : `${scenario}@${this.buildId}`;
    const cached = await this.snapshots.get(key);
    if (cached) {
      try {
        return World.fromJSON(cached);
      } catch {
        // A snapshot this code cannot read: build the world instead.
      }
    }
    let world: World;
    let built = scenario;
    const fromLab = lab && this.labWorld ? await this.labWorld(lab).catch((e: unknown) => ({ world: undefined, error: String(e) })) : undefined;
    if (fromLab?.world) {
      world = fromLab.world;
      void this.snapshots.put(key, JSON.parse(JSON.stringify(world.toJSON())) as ReturnType<World['toJSON']>);
      return world;
    }
    if (fromLab?.error) this.post({ type: 'error', message: fromLab.error });
    // Building a scenario needs all of the simulator's code (a first visit only: then it is cached).
    const { bootWorld } = await import('../../runtime/session');
    try {
      world = bootWorld(scenario);
    } catch {
      // A scenario that is not built yet: the bare machines keep the terminal usable.
      built = 'machines';
      world = bootWorld('machines');
    }
    if (built === scenario && !lab) {
      const snapshot = JSON.parse(JSON.stringify(world.toJSON())) as ReturnType<World['toJSON']>;
      void this.snapshots.put(key, snapshot);
    }
    return world;
  }

  /** Output is batched per task: one message for a burst of small writes. */
  private output(data: string): void {
    this.pendingOutput += data;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      const data = this.pendingOutput;
      this.pendingOutput = '';
      if (data) this.post({ type: 'output', data });
    });
  }
}

/** Messages that act on the whole world (the cluster, kubectl completion), not just the line editor. */
function needsFullWorld(message: PageToWorker): boolean {
  switch (message.type) {
    case 'data':
      // Enter runs a command, Tab completes (kubectl names come from the cluster).
      return /[\r\n\t]/.test(message.data);
    case 'run':
    case 'lab-check':
    case 'viz':
    case 'viz-detail':
      return true;
    default:
      return false;
  }
}
