/**
 * Records golden screens and files for VIM_CASES and NANO_CASES from the real programs in tmux
 * (vim with no vimrc, so defaults.vim applies; nano with no nanorc). Screens are plain text
 * (colours dropped), nano's version string is the one installed here (ours says 6.2, as Ubuntu
 * 22.04), and tests mask it. Run: npx tsx test/terminal/oracle/record-editors.ts [prefix]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NANO_CASES, VIM_CASES } from './editor-cases';

const here = dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => execFileSync('sleep', [String(ms / 1000)]);
let socket = 'cka-editor-oracle';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const only = process.argv.slice(2);

for (const c of [...VIM_CASES, ...NANO_CASES]) {
  if (only.length && !only.some((o) => c.name.startsWith(o))) continue;
  // One tmux server per case: a server that is still exiting refuses new sessions.
  socket = `cka-editor-oracle-${c.name}`;
  const dir = mkdtempSync(join(tmpdir(), 'ed-'));
  const file = join(dir, c.file);
  if (c.content !== null) writeFileSync(file, c.content);
  const command = c.program === 'vim' ? `vim ${c.file}` : `nano --ignorercfiles ${c.file}`;
  tmux('new-session', '-d', '-s', 'ed', '-x', String(c.cols ?? 80), '-y', String(c.rows ?? 24), '-c', dir,
    `env -i HOME=${dir} TERM=xterm-256color LANG=C.UTF-8 ${command}; sleep 5`);
  tmux('set-option', '-t', 'ed', 'status', 'off');
  sleep(700);
  for (const chunk of c.keys) {
    const hex = Array.from(Buffer.from(chunk, 'utf8')).map((b) => b.toString(16).padStart(2, '0'));
    tmux('send-keys', '-t', 'ed', '-H', ...hex);
    sleep(250);
  }
  sleep(400);
  let out: string;
  if (c.exits) {
    out = `--- file\n${existsSync(file) ? readFileSync(file, 'utf8') : '(missing)\n'}`;
  } else {
    const screen = tmux('capture-pane', '-p', '-t', 'ed').split('\n').map((l) => l.replace(/\s+$/, ''));
    while (screen.length && !screen[screen.length - 1]) screen.pop();
    const cursor = tmux('display-message', '-p', '-t', 'ed', '#{cursor_x},#{cursor_y}').trim();
    out = `cursor ${cursor}\n${screen.join('\n')}\n`;
  }
  tmux('kill-server');
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(join(here, '..', 'golden', c.program, `${c.name}.txt`), out);
  console.log(c.name);
}
