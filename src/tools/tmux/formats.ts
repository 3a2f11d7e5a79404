/** tmux formats (-F, display-message) for the variables a learner is likely to use, and ctime. */
import { windowFlags } from './compose';
import type { TmuxServer, TmuxSession, Window } from './model';
import type { Pane } from './pane';

/** `created` as tmux prints it: ctime without the newline, e.g. `Sun Nov 22 05:40:00 2026`. */
export function ctime(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** A few formats (-F): the variables a learner is likely to use. */
export function format(template: string, vars: Record<string, string>): string {
  return template.replace(/#\{([a-z_]+)\}|#([A-Za-z])/g, (m, long: string | undefined, short: string | undefined) => {
    const key = long ?? SHORT_ALIASES[short!];
    return key !== undefined && Object.hasOwn(vars, key) ? vars[key] : long ? '' : m;
  });
}

const SHORT_ALIASES: Record<string, string> = { S: 'session_name', I: 'window_index', W: 'window_name', P: 'pane_index', D: 'pane_id', F: 'window_flags', H: 'host', h: 'host_short', T: 'pane_title' };

export function sessionVars(s: TmuxSession): Record<string, string> {
  return {
    session_name: s.name,
    session_id: `$${s.id}`,
    session_windows: String(s.windows.length),
    session_attached: String(s.clients.size),
    session_created: String(Math.floor(s.created.getTime() / 1000)),
  };
}

export function windowVars(s: TmuxSession, w: Window): Record<string, string> {
  return {
    ...sessionVars(s),
    window_index: String(w.index),
    window_name: w.name,
    window_id: `@${w.id}`,
    window_flags: windowFlags(s, w),
    window_panes: String(w.panes.size),
    window_width: String(w.layout.width),
    window_height: String(w.layout.height),
    window_active: s.current === w ? '1' : '0',
  };
}

export function paneVars(server: TmuxServer, s: TmuxSession, w: Window, pane: Pane): Record<string, string> {
  return {
    ...windowVars(s, w),
    pane_index: String(w.paneIndex(pane)),
    pane_id: `%${pane.id}`,
    pane_width: String(pane.screen.cols),
    pane_height: String(pane.screen.rows),
    pane_active: w.active === pane.id ? '1' : '0',
    pane_title: server.hostname,
    pane_current_command: pane.command,
    host: server.hostname,
    host_short: server.hostname.split('.')[0],
  };
}

