/**
 * tmux's commands (tmux 3.2a, Ubuntu 22.04): the command table with tmux's names, aliases,
 * getopt flags and usage lines, and what each does. They run from the command line
 * (`tmux new -s exam`, `tmux ls`, `tmux split-window -h` inside a pane) and from the command
 * prompt (prefix :). Errors are tmux's own words.
 */
import type { CommandContext } from '../../shell/command';
import {
  cleanSessionName,
  cycleWindow,
  lastPane,
  lastWindow,
  newWindow,
  renameSession,
  renameWindow,
  selectPaneToward,
  selectWindow,
  sessionSize,
  splitWindow,
} from './actions';
import { Client } from './client';
import { ctime, format, paneVars, sessionVars, windowVars } from './formats';
import { keyBytes } from './key-names';
import { layoutString } from './layout-string';
import { current, resolveTarget, sessionTarget, type Invocation, type Parsed } from './targets';
import { pasteInto } from './keys';
import { startProcess } from '../../sim/machine/process-table';
import { DEFAULT_COLS, DEFAULT_ROWS, serverOf, socketExists, socketPath, startServer, type PaneOpener, type PasteBuffer, type TmuxServer, type TmuxSession, type Window } from './model';
import { HISTORY_LIMIT } from './screen';
import KEY_BINDINGS from './key-bindings.json';

export const VERSION = '3.2a';

/** Every command name of tmux 3.2a in its table order: prefixes are matched against all of them. */
const ALL_COMMANDS = (
  'attach-session bind-key break-pane capture-pane choose-buffer choose-client choose-tree clear-history clock-mode command-prompt ' +
  'confirm-before copy-mode customize-mode delete-buffer detach-client display-menu display-message display-popup display-panes ' +
  'find-window has-session if-shell join-pane kill-pane kill-server kill-session kill-window last-pane last-window link-window ' +
  'list-buffers list-clients list-commands list-keys list-panes list-sessions list-windows load-buffer lock-client lock-server ' +
  'lock-session move-pane move-window new-session new-window next-layout next-window paste-buffer pipe-pane previous-layout ' +
  'previous-window refresh-client rename-session rename-window resize-pane resize-window respawn-pane respawn-window rotate-window ' +
  'run-shell save-buffer select-layout select-pane select-window send-keys send-prefix set-buffer set-environment set-hook ' +
  'set-option set-window-option show-buffer show-environment show-hooks show-messages show-options show-window-options source-file ' +
  'split-window start-server suspend-client swap-pane swap-window switch-client unbind-key unlink-window wait-for'
).split(' ');

interface Spec {
  alias?: string;
  /** getopt letters; a letter followed by ':' takes a value. */
  getopt: string;
  min: number;
  max: number;
  usage: string;
  /** Starts a server when none runs (new-session, attach-session, start-server). */
  startServer?: boolean;
  run(inv: Invocation, p: Parsed, server: TmuxServer): Promise<number> | number;
}

const T_SESSION = '[-t target-session]';
const T_WINDOW = '[-t target-window]';
const T_PANE = '[-t target-pane]';

/**
 * send-keys -N: the most bytes one command types into a pane. tmux queues every repeat for the
 * pane's pty, which takes them at the program's pace; our pane's line editor holds each key as it
 * comes, so `-N 100000000` would fill the page's memory. Beyond this the repeats are dropped.
 */
export const MAX_SEND_KEYS_BYTES = 64 * 1024;

/** tmux's strtonum over 1..UINT_MAX for -N: the count, or the reason it is refused. */
export function repeatCount(text: string): number | 'invalid' | 'too small' | 'too large' {
  if (!/^\s*[+-]?\d+$/.test(text)) return 'invalid';
  const n = Number(text);
  if (n < 1) return 'too small';
  if (n > 0xffffffff) return 'too large';
  return n;
}

function fail(inv: Invocation, message: string): number {
  inv.err(`${message}\n`);
  return 1;
}

/** Attach a client on the invoking terminal and wait until it ends; prints tmux's closing line. */
async function attachClient(inv: Invocation, server: TmuxServer, session: TmuxSession): Promise<number> {
  const ctx = inv.ctx!;
  const editor = `${ctx.env.VISUAL ?? ''} ${ctx.env.EDITOR ?? ''}`;
  const client = new Client(server, session, ctx.tty!, /vi/.test(editor));
  client.attach();
  const message = await client.ended;
  ctx.stdout.write(`${message}\n`);
  return 0;
}

/** server_client_check_nested: $TMUX is set and the terminal is one of this server's panes. */
function nested(inv: Invocation, server: TmuxServer): boolean {
  const env = inv.ctx?.env;
  if (!env?.TMUX) return false;
  const pane = /^%(\d+)$/.exec(env.TMUX_PANE ?? '')?.[1];
  return pane !== undefined && server.locate(Number(pane)) !== undefined;
}

/** The opener of a session's panes: shells like the one that ran `tmux new`, in its directory. */
function paneOpener(ctx: CommandContext, cwd: string, server: TmuxServer): PaneOpener | undefined {
  const open = ctx.openSession;
  if (!open) return undefined;
  const base = { ...ctx.env };
  delete base.TMUX;
  delete base.TMUX_PANE;
  // A pane's shell is the server's child, on a terminal of its own.
  return (env, columns) => open({ env: { ...base, ...env }, columns, cwd, parentPid: server.pid });
}

const SPECS: Record<string, Spec> = {
  'new-session': {
    alias: 'new',
    getopt: 'Ac:dDe:EF:f:n:Ps:t:x:Xy:',
    min: 0,
    max: -1,
    usage: `[-AdDEPX] [-c start-directory] [-e environment] [-F format] [-f flags] [-n window-name] [-s session-name] ${T_SESSION} [-x width] [-y height] [command]`,
    startServer: true,
    run: async (inv, p, server) => {
      const ctx = inv.ctx;
      const name = p.flags.get('s');
      const clean = typeof name === 'string' ? cleanSessionName(name) : undefined;
      if (clean !== undefined && p.flags.has('A')) {
        const existing = server.findSession(clean);
        if (existing && existing.name === clean) return SPECS['attach-session'].run(inv, { flags: new Map(), args: [] }, server);
      }
      if (clean === '') return fail(inv, 'invalid session: ');
      if (clean !== undefined && server.sessions.some((s) => s.name === clean)) return fail(inv, `duplicate session: ${clean}`);
      const detached = p.flags.has('d') || !!inv.client;
      if (!detached && nested(inv, server)) return fail(inv, 'sessions should be nested with care, unset $TMUX to force');
      if (!detached && !ctx?.tty) return fail(inv, 'open terminal failed: not a terminal');
      const host = ctx ?? undefined;
      const cwdFlag = p.flags.get('c');
      const opener = host ? paneOpener(host, typeof cwdFlag === 'string' ? host.fs.resolve(cwdFlag) : host.cwd, server) : inv.client?.session.openPane;
      if (!opener) return fail(inv, 'create window failed: no shell');
      const size = !detached && ctx?.tty ? { cols: ctx.tty.columns, rows: Math.max(1, ctx.tty.rows - 1) } : inv.client ? sessionSize(inv.client.session) : sizeFlags(p);
      const windowName = p.flags.get('n');
      const session = server.createSession(clean, opener, size, typeof windowName === 'string' ? windowName : undefined);
      if (p.args.length) session.current.activePane.runCommand(p.args.join(' '));
      if (p.flags.has('P')) inv.out(`${format(typeof p.flags.get('F') === 'string' ? (p.flags.get('F') as string) : '#{session_name}:', sessionVars(session))}\n`);
      if (inv.client) {
        inv.client.switchTo(session);
        return 0;
      }
      if (detached) return 0;
      return attachClient(inv, server, session);
    },
  },
  'attach-session': {
    alias: 'attach',
    getopt: 'c:dEf:rt:x',
    min: 0,
    max: 0,
    usage: `[-dErx] [-c working-directory] [-f flags] ${T_SESSION}`,
    startServer: true,
    run: (inv, p, server) => {
      if (!server.sessions.length) return fail(inv, 'no sessions');
      const target = sessionTarget(inv, server, p);
      if (typeof target === 'string') return fail(inv, target);
      if (inv.client) {
        inv.client.switchTo(target);
        return 0;
      }
      if (nested(inv, server)) return fail(inv, 'sessions should be nested with care, unset $TMUX to force');
      if (!inv.ctx?.tty) return fail(inv, 'open terminal failed: not a terminal');
      if (p.flags.has('d')) for (const c of [...target.clients]) c.detach();
      return attachClient(inv, server, target);
    },
  },
  'list-sessions': {
    alias: 'ls',
    getopt: 'F:f:',
    min: 0,
    max: 0,
    usage: '[-F format] [-f filter]',
    run: (inv, p, server) => {
      const template = p.flags.get('F');
      const sorted = [...server.sessions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const s of sorted) {
        if (typeof template === 'string') inv.out(`${format(template, sessionVars(s))}\n`);
        else inv.out(`${s.name}: ${s.windows.length} windows (created ${ctime(s.created)})${s.clients.size ? ' (attached)' : ''}\n`);
      }
      return 0;
    },
  },
  'has-session': {
    alias: 'has',
    getopt: 't:',
    min: 0,
    max: 0,
    usage: T_SESSION,
    run: (inv, p, server) => {
      const target = sessionTarget(inv, server, p);
      return typeof target === 'string' ? fail(inv, target) : 0;
    },
  },
  'kill-session': {
    getopt: 'aCt:',
    min: 0,
    max: 0,
    usage: `[-aC] ${T_SESSION}`,
    run: (inv, p, server) => {
      const target = sessionTarget(inv, server, p);
      if (typeof target === 'string') return fail(inv, target);
      if (p.flags.has('C')) return 0;
      if (p.flags.has('a')) for (const s of [...server.sessions]) if (s !== target) server.killSession(s);
      if (!p.flags.has('a')) server.killSession(target);
      return 0;
    },
  },
  'kill-server': {
    getopt: '',
    min: 0,
    max: 0,
    usage: '',
    run: (_inv, _p, server) => {
      server.killServer();
      return 0;
    },
  },
  'start-server': { alias: 'start', getopt: '', min: 0, max: 0, usage: '', startServer: true, run: () => 0 },
  'detach-client': {
    alias: 'detach',
    getopt: 'aE:s:t:P',
    min: 0,
    max: 0,
    usage: '[-aP] [-E shell-command] [-s target-session] [-t target-client]',
    run: (inv, p, server) => {
      const s = p.flags.get('s');
      const session = typeof s === 'string' ? server.findSession(s) : current(inv, server)?.session;
      if (!session) return fail(inv, typeof s === 'string' ? `can't find session: ${s}` : 'no current client');
      if (inv.client) {
        inv.client.detach();
        return 0;
      }
      const clients = [...session.clients];
      if (!clients.length) return fail(inv, 'no current client');
      for (const c of clients) c.detach();
      return 0;
    },
  },
  'split-window': {
    alias: 'splitw',
    getopt: 'bc:de:fF:hIl:p:Pt:vZ',
    min: 0,
    max: -1,
    usage: `[-bdefhIPvZ] [-c start-directory] [-e environment] [-F format] [-l size] ${T_PANE} [command]`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'pane');
      if (typeof t === 'string') return fail(inv, t);
      const before = t.window.active;
      t.window.select(t.pane.id);
      const error = splitWindow(server, t.session, t.window, p.flags.has('h') ? 'lr' : 'tb');
      if (error) return fail(inv, error);
      const created = t.window.activePane;
      if (p.args.length) created.runCommand(p.args.join(' '));
      if (p.flags.has('d')) t.window.select(before === t.pane.id ? t.pane.id : before);
      if (p.flags.has('P')) inv.out(`${format(typeof p.flags.get('F') === 'string' ? (p.flags.get('F') as string) : '#{session_name}:#{window_index}.#{pane_index}', paneVars(server, t.session, t.window, created))}\n`);
      return 0;
    },
  },
  'new-window': {
    alias: 'neww',
    getopt: 'abc:de:F:kn:PSt:',
    min: 0,
    max: -1,
    usage: `[-abdkPS] [-c start-directory] [-e environment] [-F format] [-n window-name] ${T_WINDOW} [command]`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'window');
      if (typeof t === 'string') return fail(inv, t);
      const n = p.flags.get('n');
      const w = newWindow(server, t.session, typeof n === 'string' ? n : undefined, !p.flags.has('d'));
      if (p.args.length) w.activePane.runCommand(p.args.join(' '));
      if (p.flags.has('P')) inv.out(`${format(typeof p.flags.get('F') === 'string' ? (p.flags.get('F') as string) : '#{session_name}:#{window_index}.#{pane_index}', paneVars(server, t.session, w, w.activePane))}\n`);
      return 0;
    },
  },
  'select-window': {
    alias: 'selectw',
    getopt: 'lnpTt:',
    min: 0,
    max: 0,
    usage: `[-lnpT] ${T_WINDOW}`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'window');
      if (typeof t === 'string') return fail(inv, t);
      if (p.flags.has('n')) cycleWindow(t.session, 1);
      else if (p.flags.has('p')) cycleWindow(t.session, -1);
      else if (p.flags.has('l')) {
        const e = lastWindow(t.session);
        if (e) return fail(inv, e);
      } else {
        const e = selectWindow(t.session, t.window.index);
        if (e) return fail(inv, e);
      }
      server.requestRedraw();
      return 0;
    },
  },
  'next-window': windowStep('next', 1),
  'previous-window': windowStep('prev', -1),
  'last-window': {
    alias: 'last',
    getopt: 't:',
    min: 0,
    max: 0,
    usage: T_SESSION,
    run: (inv, p, server) => {
      const s = sessionTarget(inv, server, p);
      if (typeof s === 'string') return fail(inv, s);
      const e = lastWindow(s);
      server.requestRedraw();
      return e ? fail(inv, e) : 0;
    },
  },
  'select-pane': {
    alias: 'selectp',
    getopt: 'DdegLlMmP:RT:t:UZ',
    min: 0,
    max: 0,
    usage: `[-DdeLlMmRUZ] [-T title] ${T_PANE}`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'pane');
      if (typeof t === 'string') return fail(inv, t);
      const dirs: Array<[string, 'left' | 'right' | 'up' | 'down']> = [['L', 'left'], ['R', 'right'], ['U', 'up'], ['D', 'down']];
      const dir = dirs.find(([f]) => p.flags.has(f));
      if (dir) {
        t.window.select(t.pane.id);
        selectPaneToward(t.window, dir[1]);
      } else if (p.flags.has('l')) {
        const e = lastPane(t.window);
        if (e) return fail(inv, e);
      } else t.window.select(t.pane.id);
      server.requestRedraw();
      return 0;
    },
  },
  'last-pane': {
    alias: 'lastp',
    getopt: 'det:Z',
    min: 0,
    max: 0,
    usage: `[-deZ] ${T_WINDOW}`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'window');
      if (typeof t === 'string') return fail(inv, t);
      const e = lastPane(t.window);
      server.requestRedraw();
      return e ? fail(inv, e) : 0;
    },
  },
  'kill-pane': {
    alias: 'killp',
    getopt: 'at:',
    min: 0,
    max: 0,
    usage: `[-a] ${T_PANE}`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'pane');
      if (typeof t === 'string') return fail(inv, t);
      if (p.flags.has('a')) for (const other of t.window.orderedPanes()) if (other !== t.pane) server.killPane(other);
      if (!p.flags.has('a')) server.killPane(t.pane);
      return 0;
    },
  },
  'kill-window': {
    alias: 'killw',
    getopt: 'at:',
    min: 0,
    max: 0,
    usage: `[-a] ${T_WINDOW}`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'window');
      if (typeof t === 'string') return fail(inv, t);
      if (p.flags.has('a')) for (const w of [...t.session.windows]) if (w !== t.window) server.killWindow(t.session, w);
      if (!p.flags.has('a')) server.killWindow(t.session, t.window);
      return 0;
    },
  },
  'rename-window': {
    alias: 'renamew',
    getopt: 't:',
    min: 1,
    max: 1,
    usage: `${T_WINDOW} new-name`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'window');
      if (typeof t === 'string') return fail(inv, t);
      renameWindow(server, t.window, p.args[0]);
      return 0;
    },
  },
  'rename-session': {
    alias: 'rename',
    getopt: 't:',
    min: 1,
    max: 1,
    usage: `${T_SESSION} new-name`,
    run: (inv, p, server) => {
      const s = sessionTarget(inv, server, p);
      if (typeof s === 'string') return fail(inv, s);
      const e = renameSession(server, s, p.args[0]);
      return e ? fail(inv, e) : 0;
    },
  },
  'list-windows': {
    alias: 'lsw',
    getopt: 'F:f:at:',
    min: 0,
    max: 0,
    usage: `[-a] [-F format] [-f filter] ${T_SESSION}`,
    run: (inv, p, server) => {
      const sessions = p.flags.has('a') ? server.sessions : [sessionTarget(inv, server, p)];
      if (typeof sessions[0] === 'string') return fail(inv, sessions[0]);
      const template = p.flags.get('F');
      for (const s of sessions as TmuxSession[])
        for (const w of s.windows) {
          const vars = windowVars(s, w);
          if (typeof template === 'string') inv.out(`${format(template, vars)}\n`);
          else
            inv.out(
              `${p.flags.has('a') ? `${s.name}:` : ''}${w.index}: ${w.name}${vars.window_flags} (${w.panes.size} panes) [${w.layout.width}x${w.layout.height}] [layout ${layoutString(w)}] @${w.id}${s.current === w ? ' (active)' : ''}\n`,
            );
        }
      return 0;
    },
  },
  'list-panes': {
    alias: 'lsp',
    getopt: 'asF:f:t:',
    min: 0,
    max: 0,
    usage: `[-as] [-F format] [-f filter] ${T_WINDOW}`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'window');
      if (typeof t === 'string') return fail(inv, t);
      const template = p.flags.get('F');
      const windows: Array<[TmuxSession, Window]> = p.flags.has('a')
        ? server.sessions.flatMap((s) => s.windows.map((w): [TmuxSession, Window] => [s, w]))
        : p.flags.has('s')
          ? t.session.windows.map((w): [TmuxSession, Window] => [t.session, w])
          : [[t.session, t.window]];
      for (const [s, w] of windows)
        for (const pane of w.orderedPanes()) {
          const vars = paneVars(server, s, w, pane);
          if (typeof template === 'string') {
            inv.out(`${format(template, vars)}\n`);
            continue;
          }
          const prefix = p.flags.has('a') ? `${s.name}:${w.index}.` : p.flags.has('s') ? `${w.index}.` : '';
          inv.out(`${prefix}${w.paneIndex(pane)}: [${pane.screen.cols}x${pane.screen.rows}] [history ${pane.screen.historySize}/${HISTORY_LIMIT}, ${pane.screen.historyBytes} bytes] %${pane.id}${w.active === pane.id ? ' (active)' : ''}\n`);
        }
      return 0;
    },
  },
  'display-message': {
    alias: 'display',
    getopt: 'acd:INpt:F:v',
    min: 0,
    max: 1,
    usage: `[-aINpv] [-c target-client] [-d delay] [-F format] ${T_PANE} [message]`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'pane');
      if (typeof t === 'string') return fail(inv, t);
      const template = p.args[0] ?? (typeof p.flags.get('F') === 'string' ? (p.flags.get('F') as string) : '[#S] #I:#P, current pane #{pane_index} - (%H:%M %d-%b-%y)');
      const text = format(template, paneVars(server, t.session, t.window, t.pane));
      if (p.flags.has('p') || !inv.client) inv.out(`${text}\n`);
      else inv.client.showMessage(text);
      return 0;
    },
  },
  'send-keys': {
    alias: 'send',
    getopt: 'FHlMN:Rt:X',
    min: 0,
    max: -1,
    usage: `[-FHlMRX] [-N repeat-count] ${T_PANE} key ...`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'pane');
      if (typeof t === 'string') return fail(inv, t);
      const count = p.flags.has('N') ? repeatCount(String(p.flags.get('N'))) : 1;
      if (typeof count === 'string') return fail(inv, `repeat count ${count}`);
      let data = '';
      for (const arg of p.args) {
        if (p.flags.has('H')) data += String.fromCharCode(parseInt(arg, 16));
        else data += p.flags.has('l') ? arg : keyBytes(arg);
      }
      if (data) t.pane.input(data.repeat(Math.min(count, Math.floor(MAX_SEND_KEYS_BYTES / data.length) || 1)));
      return 0;
    },
  },
  'capture-pane': {
    alias: 'capturep',
    getopt: 'ab:CeE:JNpPqS:t:',
    min: 0,
    max: 0,
    usage: `[-aCeJNpPq] [-b buffer-name] [-E end-line] [-S start-line] ${T_PANE}`,
    run: async (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'pane');
      if (typeof t === 'string') return fail(inv, t);
      await t.pane.settle();
      const screen = t.pane.screen;
      // Lines are numbered from the top of the visible screen; negative ones are history, `-` the ends.
      const line = (flag: string, fallback: number) => {
        const v = p.flags.get(flag);
        if (v === '-') return flag === 'S' ? -screen.historySize : screen.rows - 1;
        const n = typeof v === 'string' ? Number(v) : NaN;
        return Number.isInteger(n) ? Math.max(-screen.historySize, Math.min(screen.rows - 1, n)) : fallback;
      };
      const start = line('S', 0);
      const end = line('E', screen.rows - 1);
      const out: string[] = [];
      for (let y = start; y <= end; y++) {
        const text = y < 0 ? screen.text(0, -y) : screen.text(y);
        out.push(p.flags.has('N') ? text : text.replace(/ +$/, ''));
      }
      const text = out.map((l) => `${l}\n`).join('');
      // Without -p the text goes to a new paste buffer.
      if (p.flags.has('p')) inv.out(text);
      else server.addBuffer(text);
      return 0;
    },
  },
  'set-buffer': {
    alias: 'setb',
    getopt: 'ab:t:n:w',
    min: 0,
    max: 1,
    usage: '[-aw] [-b buffer-name] [-n new-buffer-name] [-t target-client] data',
    run: (inv, p, server) => {
      if (p.args.length === 0) return fail(inv, 'no data specified');
      server.addBuffer(p.args[0]);
      return 0;
    },
  },
  'show-buffer': {
    alias: 'showb',
    getopt: 'b:',
    min: 0,
    max: 0,
    usage: '[-b buffer-name]',
    run: (inv, p, server) => {
      const found = findBuffer(server, p.flags.get('b'));
      if (typeof found === 'string') return fail(inv, found);
      inv.out(found.data.endsWith('\n') ? found.data : `${found.data}\n`);
      return 0;
    },
  },
  'list-buffers': {
    alias: 'lsb',
    getopt: 'F:f:',
    min: 0,
    max: 0,
    usage: '[-F format] [-f filter]',
    run: (inv, _p, server) => {
      for (const b of server.buffers) inv.out(`${b.name}: ${new TextEncoder().encode(b.data).length} bytes: "${bufferSample(b.data)}"\n`);
      return 0;
    },
  },
  'paste-buffer': {
    alias: 'pasteb',
    getopt: 'db:prs:t:',
    min: 0,
    max: 0,
    usage: `[-dpr] [-s separator] [-b buffer-name] ${T_PANE}`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'pane');
      if (typeof t === 'string') return fail(inv, t);
      const name = p.flags.get('b');
      const found = findBuffer(server, name);
      // No buffer is no error for paste-buffer without -b.
      if (typeof found === 'string') return typeof name === 'string' ? fail(inv, found) : 0;
      if (p.flags.has('p')) pasteInto(t.pane, found.data);
      else t.pane.input(found.data.replace(/\r?\n/g, '\r'));
      if (p.flags.has('d')) server.buffers.splice(server.buffers.indexOf(found), 1);
      return 0;
    },
  },
  'delete-buffer': {
    alias: 'deleteb',
    getopt: 'b:',
    min: 0,
    max: 0,
    usage: '[-b buffer-name]',
    run: (inv, p, server) => {
      const found = findBuffer(server, p.flags.get('b'));
      if (typeof found === 'string') return fail(inv, found);
      server.buffers.splice(server.buffers.indexOf(found), 1);
      return 0;
    },
  },
  'list-keys': {
    alias: 'lsk',
    getopt: '1aNP:T:',
    min: 0,
    max: 1,
    usage: '[-1aN] [-P prefix-string] [-T key-table] [key]',
    run: (inv, p) => {
      // The default bindings as tmux prints them (recorded from tmux by test/tools/tmux/oracle/record-keys.ts).
      const table = p.flags.get('T');
      const tables: Record<string, string[]> = KEY_BINDINGS.tables;
      if (typeof table === 'string' && !Object.hasOwn(tables, table)) return fail(inv, `table ${table} doesn't exist`);
      let lines = p.flags.has('N') ? KEY_BINDINGS.notes : typeof table === 'string' ? tables[table] : KEY_BINDINGS.bindings;
      // Only the prefix table has notes.
      if (p.flags.has('N') && typeof table === 'string' && table !== 'prefix') lines = [];
      for (const l of lines) inv.out(`${l}\n`);
      return 0;
    },
  },
  'resize-pane': {
    alias: 'resizep',
    getopt: 'DLMRTt:Ux:y:Z',
    min: 0,
    max: 1,
    usage: `[-DLMRTUZ] [-x width] [-y height] ${T_PANE} [adjustment]`,
    run: (inv, p, server) => {
      const t = resolveTarget(inv, server, p.flags.get('t'), 'pane');
      if (typeof t === 'string') return fail(inv, t);
      if (p.flags.has('Z')) {
        t.window.select(t.pane.id);
        t.window.toggleZoom();
        server.requestRedraw();
      }
      return 0;
    },
  },
};

function windowStep(alias: string, step: 1 | -1): Spec {
  return {
    alias,
    getopt: 'at:',
    min: 0,
    max: 0,
    usage: `[-a] ${T_SESSION}`,
    run: (inv, p, server) => {
      const s = sessionTarget(inv, server, p);
      if (typeof s === 'string') return fail(inv, s);
      cycleWindow(s, step);
      server.requestRedraw();
      return 0;
    },
  };
}

/** The top buffer, or the one named by -b; tmux's error otherwise. */
function findBuffer(server: TmuxServer, name: string | true | undefined): PasteBuffer | string {
  if (typeof name !== 'string') return server.buffers[0] ?? 'no buffers';
  return server.buffers.find((b) => b.name === name) ?? `no buffer ${name}`;
}

/** buffer_sample: the first 200 characters made visible (\n, \t, \\), then ... when cut. */
function bufferSample(data: string): string {
  const shown = [...data].slice(0, 200).join('').replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
  return [...data].length > 200 ? `${shown}...` : shown;
}

function sizeFlags(p: Parsed): { cols: number; rows: number } {
  const x = Number(p.flags.get('x'));
  const y = Number(p.flags.get('y'));
  return { cols: Number.isInteger(x) && x > 0 ? x : DEFAULT_COLS, rows: Number.isInteger(y) && y > 0 ? y : DEFAULT_ROWS };
}

/** cmd_find: an alias exactly, else a unique prefix of a command name. */
export function findCommand(name: string): { name: string } | { error: string } {
  for (const [full, spec] of Object.entries(SPECS)) if (spec.alias === name) return { name: full };
  const matches = ALL_COMMANDS.filter((c) => c.startsWith(name));
  if (matches.includes(name)) return { name };
  if (matches.length > 1) return { error: `ambiguous command: ${name}, could be: ${matches.join(', ')}` };
  if (matches.length === 1) return { name: matches[0] };
  return { error: `unknown command: ${name}` };
}

/** getopt as tmux's args_parse uses it: clustered flags, values attached or separate, `--` ends flags. */
function parseArgs(name: string, spec: Spec, argv: string[]): Parsed | string {
  const flags = new Map<string, string | true>();
  let i = 0;
  const usage = `usage: ${name} ${spec.usage}`.trimEnd();
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      const at = spec.getopt.indexOf(f);
      if (at < 0 || f === ':') return usage;
      if (spec.getopt[at + 1] === ':') {
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (value === undefined) return usage;
        flags.set(f, value);
        break;
      }
      flags.set(f, true);
    }
  }
  const args = argv.slice(i);
  if (args.length < spec.min || (spec.max >= 0 && args.length > spec.max)) return usage;
  return { flags, args };
}

/** Run one tmux command (argv without `tmux`). */
export async function runCommand(inv: Invocation, argv: string[]): Promise<number> {
  const name = argv[0];
  let server = serverOf(inv.machine, inv.uid);
  const found = findCommand(name);
  if ('error' in found) {
    if (!server && !inv.client) return noServer(inv);
    return fail(inv, found.error);
  }
  const spec = SPECS[found.name];
  if (!spec) {
    if (!server && !inv.client) return noServer(inv);
    return fail(inv, `unknown command: ${name}`);
  }
  const parsed = parseArgs(found.name, spec, argv.slice(1));
  if (typeof parsed === 'string') return fail(inv, parsed);
  if (!server) {
    if (!spec.startServer || !inv.ctx) return noServer(inv);
    const ctx = inv.ctx;
    const machine = ctx.machine as { allocatePid?: () => number };
    server = startServer(inv.machine, inv.uid, machine.allocatePid?.() ?? 4000, ctx.host, ctx.clock);
    // The server forks from the first client and lives on its own (ps: its argv, no terminal, under init).
    server.process = startProcess(inv.machine, { pid: server.pid, ppid: 1, user: ctx.user.name, command: ctx.argv.join(' '), tty: '?', stat: 'Ss', startMs: ctx.clock.now() });
    try {
      ctx.fs.mkdir(`/tmp/tmux-${inv.uid}`, { recursive: true, mode: 0o700 });
    } catch {
      // /tmp unwritable: the server still runs (its socket would be elsewhere).
    }
  }
  const status = await spec.run(inv, parsed, server);
  // A server with no sessions left exits (start-server's stays only while a command needs it).
  if (!server.sessions.length) server.killServer();
  return status;
}

function noServer(inv: Invocation): number {
  const path = socketPath(inv.uid);
  if (socketExists(inv.machine, inv.uid)) return fail(inv, `no server running on ${path}`);
  return fail(inv, `error connecting to ${path} (No such file or directory)`);
}

/** The command prompt (prefix :): split like a shell line, run, and the first error shown. */
export function runCommandLine(client: Client, line: string): string | undefined {
  const argv = splitWords(line);
  if (!argv.length) return undefined;
  let error: string | undefined;
  let output = '';
  const inv: Invocation = {
    client,
    machine: client.server.machineKey,
    uid: client.server.uid,
    out: (t) => void (output += t),
    err: (t) => void (error ??= t.replace(/\n$/, '')),
  };
  void runCommand(inv, argv).then(() => {
    if (error) client.showError(error);
    else if (output) client.showMessage(output.split('\n')[0]);
    client.server.requestRedraw();
  });
  return undefined;
}

/** Words of a command line as tmux's parser splits them: spaces, single and double quotes. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

export { ctime };
export type { Invocation };
