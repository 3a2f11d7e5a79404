/**
 * Records golden screens for TMUX_CASES from real tmux: an outer tmux (the learner's terminal,
 * 80x24) runs an inner tmux with no configuration but panes running bash with PS1='$ ', the
 * keys are sent to the outer one, and its screen is captured with colours. The golden file holds
 * the text (status-right masked: it has the host name and the time) and which cells are green.
 * Run: npx tsx test/tools/tmux/oracle/record.ts [name-prefix]   (needs tmux and bash)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TMUX_CASES } from './cases';
import { goldenText, screenFromAnsi } from './screen-text';

const here = dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => execFileSync('sleep', [String(ms / 1000)]);
const only = process.argv.slice(2);

for (const c of TMUX_CASES) {
  if (only.length && !only.some((o) => c.name.startsWith(o))) continue;
  const outer = `tmux-oracle-outer-${c.name}`;
  const inner = `tmux-oracle-inner-${c.name}`;
  const dir = mkdtempSync(join(tmpdir(), 'tmux-oracle-'));
  const conf = join(dir, 'tmux.conf');
  writeFileSync(conf, `set -g default-command "env -i HOME=${dir} TERM=screen PS1='$ ' bash --norc --noprofile"\n`);
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', outer, ...args], { encoding: 'utf8' });
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'o', '-x', '80', '-y', '24', `env -u TMUX tmux -L ${inner} -f ${conf} new -s 0`);
  tmux('set-option', '-t', 'o', 'status', 'off');
  sleep(800);
  for (const chunk of c.keys) {
    const hex = Array.from(Buffer.from(chunk, 'utf8')).map((b) => b.toString(16).padStart(2, '0'));
    tmux('send-keys', '-t', 'o', '-H', ...hex);
    sleep(c.quick ? 300 : 400);
  }
  // tmux redraws its status line lazily (a window's new name shows at the next redraw): ask for one.
  if (!c.quick) sleep(1000);
  if (!c.quick) try {
    const client = execFileSync('tmux', ['-L', inner, 'list-clients', '-F', '#{client_name}'], { encoding: 'utf8' }).trim();
    if (client) execFileSync('tmux', ['-L', inner, 'refresh-client', '-S', '-t', client]);
  } catch {
    // the case ended the inner tmux
  }
  if (!c.quick) sleep(400);
  const ansi = tmux('capture-pane', '-p', '-e', '-N', '-t', 'o');
  const cursor = tmux('display-message', '-p', '-t', 'o', '#{cursor_x},#{cursor_y}').trim();
  for (const socket of [inner, outer]) {
    try {
      execFileSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    } catch {
      // already gone (the inner one's end closes the outer one's only pane)
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const [cx, cy] = cursor.split(',').map(Number);
  writeFileSync(join(here, '..', 'golden', `${c.name}.txt`), goldenText(screenFromAnsi(ansi, 80, 24), { x: cx, y: cy }));
  console.log(c.name);
}
