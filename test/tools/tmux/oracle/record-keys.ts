/**
 * Records tmux's default key bindings as `tmux list-keys` (all, and per table with -T) and
 * `tmux list-keys -N` print them (no configuration file) into src/tools/tmux/key-bindings.json, the text C-b ? shows. The notes are
 * the same in tmux 3.2a (Ubuntu 22.04) and 3.3a (key-bindings.c).
 * Run: npx tsx test/tools/tmux/oracle/record-keys.ts   (needs tmux)
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const socket = 'tmux-oracle-keys';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
tmux('new-session', '-d', '-s', 'k');
const lines = (text: string) => text.replace(/\n$/, '').split('\n');
const tables = Object.fromEntries(['root', 'prefix', 'copy-mode', 'copy-mode-vi'].map((t) => [t, lines(tmux('list-keys', '-T', t))]));
const data = { notes: lines(tmux('list-keys', '-N')), bindings: lines(tmux('list-keys')), tables };
tmux('kill-server');
writeFileSync(join(here, '..', '..', '..', '..', 'src', 'tools', 'tmux', 'key-bindings.json'), `${JSON.stringify(data, null, 1)}\n`);
console.log(`${data.notes.length} notes, ${data.bindings.length} bindings`);
