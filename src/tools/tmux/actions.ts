/**
 * What tmux's commands do to a server, shared by the key bindings (prefix %), the command prompt
 * (prefix :) and the command line (`tmux split-window` from a pane). Each returns an error
 * message in tmux's words, or undefined.
 */
import type { SplitDirection } from './layout';
import { DEFAULT_COLS, DEFAULT_ROWS, type TmuxServer, type TmuxSession, type Window } from './model';

/** The size of a session's windows: its attached client's terminal less the status line, else what they have, else default-size. */
export function sessionSize(session: TmuxSession): { cols: number; rows: number } {
  const client = [...session.clients][0];
  if (client) {
    const { cols, rows } = client.size();
    return { cols, rows: Math.max(1, rows - 1) };
  }
  const w = session.current;
  return w ? { cols: w.layout.width, rows: w.layout.height } : { cols: DEFAULT_COLS, rows: DEFAULT_ROWS };
}

export function splitWindow(server: TmuxServer, session: TmuxSession, window: Window, dir: SplitDirection): string | undefined {
  if (window.zoomed) window.toggleZoom();
  const rect = window.layout.rect(window.active)!;
  const size = dir === 'lr' ? rect.sx : rect.sy;
  if (size < 3) return 'no space for new pane';
  const added = Math.floor((size - 1) / 2);
  const pane = server.createPane(session, dir === 'lr' ? added : rect.sx, dir === 'lr' ? rect.sy : added);
  if (!window.split(dir, pane)) {
    server.killPane(pane);
    return 'no space for new pane';
  }
  server.requestRedraw();
  return undefined;
}

export function newWindow(server: TmuxServer, session: TmuxSession, name?: string, select = true): Window {
  const w = server.createWindow(session, sessionSize(session), name);
  if (select) session.selectWindow(w);
  server.requestRedraw();
  return w;
}

export function selectWindow(session: TmuxSession, index: number): string | undefined {
  const w = session.windowAt(index);
  if (!w) return `can't find window: ${index}`;
  session.selectWindow(w);
  return undefined;
}

/** n and p: the next or previous window by index, wrapping round. */
export function cycleWindow(session: TmuxSession, step: 1 | -1): void {
  const i = session.windows.indexOf(session.current);
  const n = session.windows.length;
  session.selectWindow(session.windows[(i + step + n) % n]);
}

export function lastWindow(session: TmuxSession): string | undefined {
  if (!session.last || !session.windows.includes(session.last)) return 'no last window';
  session.selectWindow(session.last);
  return undefined;
}

/** o: the next pane by index, wrapping round. */
export function nextPane(window: Window, step: 1 | -1 = 1): void {
  const panes = window.layout.panes();
  const i = panes.indexOf(window.active);
  if (window.zoomed) window.toggleZoom();
  window.select(panes[(i + step + panes.length) % panes.length]);
}

export function selectPaneToward(window: Window, direction: 'left' | 'right' | 'up' | 'down'): void {
  const target = window.layout.neighbour(window.active, direction, window.preference());
  if (target === undefined) return;
  if (window.zoomed) window.toggleZoom();
  window.select(target);
}

export function lastPane(window: Window): string | undefined {
  const p = window.lastPane();
  if (p === undefined) return 'no last pane';
  window.select(p);
  return undefined;
}

/** tmux turns `.` and `:` in a session name into `_` (they separate target parts). */
export function cleanSessionName(name: string): string {
  return name.replace(/[.:]/g, '_');
}

export function renameSession(server: TmuxServer, session: TmuxSession, name: string): string | undefined {
  const clean = cleanSessionName(name);
  if (!clean) return 'invalid session: ';
  const other = server.sessions.find((s) => s.name === clean);
  if (other && other !== session) return `duplicate session: ${clean}`;
  session.name = clean;
  server.requestRedraw();
  return undefined;
}

export function renameWindow(server: TmuxServer, window: Window, name: string): void {
  window.fixedName = name;
  server.requestRedraw();
}

export function resizePane(window: Window, direction: 'left' | 'right' | 'up' | 'down', amount: number): void {
  if (window.zoomed) window.toggleZoom();
  window.layout.resizePane(window.active, direction, amount);
  window.applySizes();
}
