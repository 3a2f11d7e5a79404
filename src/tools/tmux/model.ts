/**
 * The tmux server of one user on one machine (its socket is /tmp/tmux-UID/default): sessions of
 * windows of panes. It lives while the page lives, with or without a client attached, so a
 * detached session's shells keep running and keep their screens for the next `tmux attach`.
 */
import type { SimClock } from '../../sim/clock';
import { Layout, type SplitDirection } from './layout';
import { Pane } from './pane';

/** Opens the shell session of a new pane (the environment it gets on top of the session's). */
export type PaneOpener = (env: Record<string, string>, columns: number) => unknown;

export const DEFAULT_COLS = 80;
export const DEFAULT_ROWS = 24;

export class Window {
  readonly panes = new Map<number, Pane>();
  /** Most recently active first. */
  private recent: number[] = [];
  active: number;
  /** Set by rename-window: automatic renaming stops. */
  fixedName: string | undefined;
  zoomed = false;
  readonly layout: Layout;

  constructor(
    readonly id: number,
    public index: number,
    first: Pane,
    sx: number,
    sy: number,
  ) {
    this.panes.set(first.id, first);
    this.active = first.id;
    this.recent = [first.id];
    this.layout = new Layout(first.id, sx, sy);
  }

  get name(): string {
    return this.fixedName ?? this.activePane.title;
  }

  get activePane(): Pane {
    return this.panes.get(this.active)!;
  }

  /** Panes in index order (what `kill-pane N?` and select-pane -t N count). */
  orderedPanes(): Pane[] {
    return this.layout.panes().map((id) => this.panes.get(id)!);
  }

  paneIndex(pane: Pane): number {
    return this.layout.panes().indexOf(pane.id);
  }

  select(pane: number): void {
    if (!this.panes.has(pane)) return;
    this.active = pane;
    this.recent = [pane, ...this.recent.filter((p) => p !== pane)];
  }

  /** The pane that was active before the current one (`;`). */
  lastPane(): number | undefined {
    return this.recent.find((p) => p !== this.active && this.panes.has(p));
  }

  preference(): number[] {
    return this.recent;
  }

  split(dir: SplitDirection, pane: Pane): boolean {
    if (this.zoomed) this.toggleZoom();
    if (!this.layout.split(this.active, dir, pane.id)) return false;
    this.panes.set(pane.id, pane);
    this.select(pane.id);
    this.applySizes();
    return true;
  }

  /** Take a pane out; returns false when it was the last one (the window goes). */
  remove(pane: Pane): boolean {
    if (!this.panes.has(pane.id)) return true;
    if (this.panes.size === 1) {
      this.panes.delete(pane.id);
      return false;
    }
    if (this.zoomed) this.zoomed = false;
    const wasActive = this.active === pane.id;
    this.layout.remove(pane.id);
    this.panes.delete(pane.id);
    this.recent = this.recent.filter((p) => p !== pane.id);
    if (wasActive) this.select(this.recent[0] ?? this.layout.panes()[0]);
    this.applySizes();
    return true;
  }

  toggleZoom(): void {
    if (this.panes.size < 2 && !this.zoomed) return;
    this.zoomed = !this.zoomed;
    this.applySizes();
  }

  resize(sx: number, sy: number): void {
    if (sx === this.layout.width && sy === this.layout.height) return;
    this.layout.resize(sx, sy);
    this.applySizes();
  }

  /** Each pane's screen takes its cell's size (the zoomed pane the whole window). */
  applySizes(): void {
    for (const pane of this.panes.values()) {
      if (this.zoomed && pane.id === this.active) pane.resize(this.layout.width, this.layout.height);
      else {
        const r = this.layout.rect(pane.id);
        if (r) pane.resize(r.sx, r.sy);
      }
    }
  }
}

export interface PasteBuffer {
  name: string;
  data: string;
}

/** What the server needs of a client attached to a session (client.ts). */
export interface AttachedClient {
  redraw(): void;
  end(message: string): void;
  detach(): void;
  /** The client's terminal size. */
  size(): { cols: number; rows: number };
}

export class TmuxSession {
  windows: Window[] = [];
  current!: Window;
  last: Window | undefined;
  /** Clients attached now (the outer terminal's `tmux` programs). */
  readonly clients = new Set<AttachedClient>();

  constructor(
    readonly id: number,
    public name: string,
    readonly created: Date,
    readonly openPane: PaneOpener,
  ) {}

  selectWindow(w: Window): void {
    if (w === this.current) return;
    this.last = this.current;
    this.current = w;
  }

  windowAt(index: number): Window | undefined {
    return this.windows.find((w) => w.index === index);
  }

  /** The lowest free index from 0 (base-index 0). */
  freeIndex(): number {
    let i = 0;
    while (this.windowAt(i)) i++;
    return i;
  }
}

export class TmuxServer {
  readonly sessions: TmuxSession[] = [];
  /** Paste buffers, the most recent first (copy mode, capture-pane, set-buffer). */
  readonly buffers: PasteBuffer[] = [];
  private nextBuffer = 0;
  private nextSessionId = 0;
  private nextWindowId = 0;
  private nextPaneId = 0;
  private redrawQueued = false;
  /** Takes the server's process out of its machine's table (set once it is entered there). */
  process?: () => void;

  constructor(
    /** The machine the server runs on (the registry's key). */
    readonly machineKey: object,
    readonly uid: number,
    readonly pid: number,
    readonly hostname: string,
    readonly clock: SimClock,
    private readonly onEmpty: () => void,
  ) {}

  /** A new paste buffer named bufferN (none for empty text); tmux keeps the 50 most recent (buffer-limit). */
  addBuffer(data: string): void {
    if (!data) return;
    this.buffers.unshift({ name: `buffer${this.nextBuffer++}`, data });
    this.buffers.length = Math.min(this.buffers.length, 50);
  }

  get socketPath(): string {
    return socketPath(this.uid);
  }

  findSession(name: string): TmuxSession | undefined {
    const exact = this.sessions.find((s) => s.name === name);
    if (exact) return exact;
    if (/^\$\d+$/.test(name)) return this.sessions.find((s) => `$${s.id}` === name);
    // tmux matches a unique prefix of a session name, then an fnmatch pattern.
    const prefixed = this.sessions.filter((s) => s.name.startsWith(name));
    return prefixed.length === 1 ? prefixed[0] : undefined;
  }

  /** The most recently created (or used) session, what a bare `tmux attach` picks. */
  mostRecent(): TmuxSession | undefined {
    return this.sessions[this.sessions.length - 1];
  }

  touch(session: TmuxSession): void {
    const i = this.sessions.indexOf(session);
    if (i >= 0) {
      this.sessions.splice(i, 1);
      this.sessions.push(session);
    }
  }

  newSessionName(): string {
    return String(this.nextSessionId);
  }

  /** A session with one window of `size` cells (the client's terminal less the status line, or default-size). */
  createSession(name: string | undefined, openPane: PaneOpener, size: { cols: number; rows: number }, windowName?: string): TmuxSession {
    const id = this.nextSessionId++;
    const session = new TmuxSession(id, name ?? String(id), this.clock.date(), openPane);
    this.sessions.push(session);
    const w = this.createWindow(session, size, windowName);
    session.current = w;
    return session;
  }

  createWindow(session: TmuxSession, size: { cols: number; rows: number }, name?: string): Window {
    const sx = Math.max(1, size.cols);
    const sy = Math.max(1, size.rows);
    const pane = this.createPane(session, sx, sy);
    const w = new Window(this.nextWindowId++, session.freeIndex(), pane, sx, sy);
    if (name) w.fixedName = name;
    session.windows.push(w);
    session.windows.sort((a, b) => a.index - b.index);
    return w;
  }

  createPane(session: TmuxSession, cols: number, rows: number): Pane {
    const id = this.nextPaneId++;
    const env = { TMUX: `${this.socketPath},${this.pid},${session.id}`, TMUX_PANE: `%${id}`, TERM: 'screen' };
    const shell = session.openPane(env, cols) as ConstructorParameters<typeof Pane>[3];
    const pane = new Pane(id, cols, rows, shell, (p) => this.paneExited(p), () => this.requestRedraw());
    pane.screen.onChange(() => this.requestRedraw());
    return pane;
  }

  /** The session and window a pane belongs to. */
  locate(paneId: number): { session: TmuxSession; window: Window; pane: Pane } | undefined {
    for (const session of this.sessions)
      for (const window of session.windows) {
        const pane = window.panes.get(paneId);
        if (pane) return { session, window, pane };
      }
    return undefined;
  }

  killPane(pane: Pane): void {
    const at = this.locate(pane.id);
    pane.kill();
    if (at) this.detachPane(at.session, at.window, pane);
  }

  killWindow(session: TmuxSession, window: Window): void {
    for (const p of window.panes.values()) p.kill();
    this.removeWindow(session, window);
  }

  killSession(session: TmuxSession, message = '[exited]'): void {
    const i = this.sessions.indexOf(session);
    if (i < 0) return;
    this.sessions.splice(i, 1);
    for (const w of session.windows) for (const p of w.panes.values()) p.kill();
    for (const c of [...session.clients]) c.end(message);
    session.clients.clear();
    if (!this.sessions.length) this.onEmpty();
  }

  killServer(): void {
    for (const s of [...this.sessions]) this.killSession(s, '[server exited]');
    this.onEmpty();
  }

  /** Coalesces screen changes into one redraw of every attached client. */
  requestRedraw(): void {
    if (this.redrawQueued) return;
    this.redrawQueued = true;
    queueMicrotask(() => {
      this.redrawQueued = false;
      for (const s of this.sessions) for (const c of s.clients) c.redraw();
    });
  }

  private paneExited(pane: Pane): void {
    const at = this.locate(pane.id);
    if (at) this.detachPane(at.session, at.window, pane);
  }

  private detachPane(session: TmuxSession, window: Window, pane: Pane): void {
    if (!window.remove(pane)) this.removeWindow(session, window);
    this.requestRedraw();
  }

  private removeWindow(session: TmuxSession, window: Window): void {
    const i = session.windows.indexOf(window);
    if (i < 0) return;
    session.windows.splice(i, 1);
    if (!session.windows.length) {
      this.killSession(session);
      return;
    }
    if (session.last === window) session.last = undefined;
    if (session.current === window) {
      // tmux goes to the last window if there is one, else the next (or previous) one.
      session.current = session.last ?? session.windows[Math.min(i, session.windows.length - 1)];
      session.last = undefined;
    }
    this.requestRedraw();
  }
}

export function socketPath(uid: number): string {
  return `/tmp/tmux-${uid}/default`;
}

/** Servers by machine and uid; a machine object is the key, so a world's servers go with it. */
const SERVERS = new WeakMap<object, Map<number, TmuxServer>>();
/** Machines (and uids) where a server once ran: its socket file stays behind when it exits. */
const SOCKETS = new WeakMap<object, Set<number>>();

export function serverOf(machine: object, uid: number): TmuxServer | undefined {
  return SERVERS.get(machine)?.get(uid);
}

export function socketExists(machine: object, uid: number): boolean {
  return !!SOCKETS.get(machine)?.has(uid);
}

export function startServer(machine: object, uid: number, pid: number, hostname: string, clock: SimClock): TmuxServer {
  let byUid = SERVERS.get(machine);
  if (!byUid) SERVERS.set(machine, (byUid = new Map()));
  let sockets = SOCKETS.get(machine);
  if (!sockets) SOCKETS.set(machine, (sockets = new Set()));
  sockets.add(uid);
  const server = new TmuxServer(machine, uid, pid, hostname, clock, () => {
    if (byUid!.get(uid) === server) byUid!.delete(uid);
    server.process?.();
  });
  byUid.set(uid, server);
  return server;
}
