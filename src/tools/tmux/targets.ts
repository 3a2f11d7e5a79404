/**
 * Which session, window and pane a tmux command acts on: the client's or the calling pane's by
 * default, or a `-t` target resolved as cmd-find.c does.
 */
import type { CommandContext } from '../../shell/command';
import type { Client } from './client';
import type { TmuxServer, TmuxSession, Window } from './model';
import type { Pane } from './pane';

/** Where a command runs: from a shell (ctx) or from an attached client's prompt. */
export interface Invocation {
  ctx?: CommandContext;
  client?: Client;
  machine: object;
  uid: number;
  out(text: string): void;
  err(text: string): void;
}

export interface Parsed {
  flags: Map<string, string | true>;
  args: string[];
}

/** The session, window and pane a command acts on by default: the client's, or the pane it runs in. */
export function current(inv: Invocation, server: TmuxServer): { session: TmuxSession; window: Window; pane: Pane } | undefined {
  if (inv.client && server.sessions.includes(inv.client.session)) {
    const session = inv.client.session;
    return { session, window: session.current, pane: session.current.activePane };
  }
  const paneId = /^%(\d+)$/.exec(inv.ctx?.env.TMUX_PANE ?? '')?.[1];
  if (paneId !== undefined && inv.ctx?.env.TMUX) {
    const at = server.locate(Number(paneId));
    if (at) return at;
  }
  const session = server.mostRecent();
  return session && { session, window: session.current, pane: session.current.activePane };
}

export interface Resolved {
  session: TmuxSession;
  window: Window;
  pane: Pane;
}

/**
 * A target `session:window.pane` (each part optional), as cmd-find.c resolves it; or an error. A
 * bare word is what the command targets first — a pane index, a window index or name — then a
 * session (`select-window -t 7` is window 7 of the current session).
 */
export function resolveTarget(inv: Invocation, server: TmuxServer, target: string | true | undefined, kind: 'window' | 'pane'): Resolved | string {
  const here = current(inv, server);
  if (target === undefined || target === true || target === '') return here ?? 'no current target';
  if (/^%\d+$/.test(target)) return server.locate(Number(target.slice(1))) ?? `can't find pane: ${target}`;
  const colon = target.indexOf(':');
  if (colon < 0 && !target.includes('.')) {
    if (here && kind === 'pane') {
      const pane = findPane(here.window, target);
      if (pane) return { ...here, pane };
    }
    if (here) {
      const window = findWindow(here.session, target);
      if (window) return { session: here.session, window, pane: window.activePane };
    }
    const session = server.findSession(target.replace(/^=/, ''));
    if (session) return { session, window: session.current, pane: session.current.activePane };
    return `can't find ${kind}: ${target}`;
  }
  const sessionPart = colon < 0 ? '' : target.slice(0, colon);
  const rest = colon < 0 ? target : target.slice(colon + 1);
  const dot = rest.lastIndexOf('.');
  const windowPart = dot < 0 ? rest : rest.slice(0, dot);
  const panePart = dot < 0 ? undefined : rest.slice(dot + 1);
  const session = sessionPart === '' ? here?.session : server.findSession(sessionPart.replace(/^=/, ''));
  if (!session) return sessionPart === '' ? 'no current session' : `can't find session: ${sessionPart}`;
  let window = session.current;
  if (windowPart !== '') {
    const w = findWindow(session, windowPart);
    if (!w) return `can't find window: ${windowPart}`;
    window = w;
  }
  let pane = window.activePane;
  if (panePart !== undefined && panePart !== '') {
    const p = findPane(window, panePart);
    if (!p) return `can't find pane: ${panePart}`;
    pane = p;
  }
  return { session, window, pane };
}

/** A window by index (`=` for exact) or by name. */
function findWindow(session: TmuxSession, key: string): Window | undefined {
  const k = key.replace(/^=/, '');
  return /^\d+$/.test(k) ? session.windowAt(Number(k)) : session.windows.find((w) => w.name === k);
}

/** A pane by index in the window, or by id (%N). */
function findPane(window: Window, key: string): Pane | undefined {
  if (/^%\d+$/.test(key)) return window.panes.get(Number(key.slice(1)));
  return /^\d+$/.test(key) ? window.orderedPanes()[Number(key)] : undefined;
}

export function sessionTarget(inv: Invocation, server: TmuxServer, p: Parsed): TmuxSession | string {
  const t = p.flags.get('t');
  if (typeof t === 'string') {
    const s = server.findSession(t.replace(/^=/, '').split(':')[0]);
    return s ?? `can't find session: ${t}`;
  }
  return current(inv, server)?.session ?? 'no current session';
}

