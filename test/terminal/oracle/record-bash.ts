/**
 * Records the golden screens of READLINE_CASES from real bash: each case runs in a fresh tmux
 * session (bash --norc, PS1 `root@cka01:~# `, optional history file), the keys are sent as raw
 * bytes, and the pane is captured. Run: npx tsx test/terminal/oracle/record-bash.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPLETION_CASES } from './completion-cases';
import { READLINE_CASES } from './readline-cases';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'golden', 'bash');
const sleep = (ms: number) => execFileSync('sleep', [String(ms / 1000)]);

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', 'cka-terminal-oracle', ...args], { encoding: 'utf8' });
}

const only = process.argv.slice(2);
for (const c of [...READLINE_CASES, ...COMPLETION_CASES]) {
  if (only.length && !only.some((o) => c.name.startsWith(o))) continue;
  const dir = mkdtempSync(join(tmpdir(), 'rl-'));
  const work = join(dir, 'work');
  mkdirSync(work);
  for (const [path, content] of Object.entries(c.files ?? {})) {
    if (content === null) mkdirSync(join(work, path), { recursive: true });
    else writeFileSync(join(work, path), content);
  }
  // kubeadm and kubelet stand-ins, so that `kube<TAB>` lists what a cluster machine has.
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync('/usr/lib/google-cloud-sdk/bin/kubectl.1.33', join(bin, 'kubectl'));
  for (const p of ['cat', 'clear', 'ls']) symlinkSync(`/usr/bin/${p}`, join(bin, p));
  for (const p of ['kubeadm', 'kubelet']) writeFileSync(join(bin, p), '#!/bin/sh\n', { mode: 0o755 });
  const histfile = join(dir, 'history');
  writeFileSync(histfile, (c.history ?? []).map((l) => l + '\n').join(''));
  writeFileSync(join(dir, 'inputrc'), 'set bell-style none\n');
  const rc = join(dir, 'rc');
  writeFileSync(
    rc,
    `PATH=${bin}:/usr/bin:/bin\nsource /usr/share/bash-completion/bash_completion\nPS1='root@cka01:~# '\nPS2='> '\nHISTCONTROL=ignoreboth\nHISTFILE=${histfile}\nhistory -c\nhistory -r\ncd ${work}\n` +
      (c.kubectl ? 'source <(kubectl completion bash)\n' : ''),
  );
  const session = 'case';
  tmux('new-session', '-d', '-s', session, '-x', String(c.cols ?? 80), '-y', String(c.rows ?? 24),
    `env -i HOME=${work} KUBECONFIG=/nonexistent TERM=xterm-256color LANG=C.UTF-8 INPUTRC=${dir}/inputrc /usr/bin/bash --noprofile --rcfile ${rc} -i`);
  tmux('set-option', '-t', session, 'status', 'off');
  sleep(400);
  // A leading space keeps `clear` out of the history (HISTCONTROL=ignoreboth).
  tmux('send-keys', '-t', session, ' clear', 'Enter');
  sleep(300);
  for (const chunk of c.keys) {
    const hex = Array.from(Buffer.from(chunk, 'utf8')).map((b) => b.toString(16).padStart(2, '0'));
    tmux('send-keys', '-t', session, '-H', ...hex);
    sleep(150);
  }
  sleep(300);
  const screen = tmux('capture-pane', '-p', '-t', session)
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''));
  const cursor = tmux('display-message', '-p', '-t', session, '#{cursor_x},#{cursor_y}').trim();
  while (screen.length && !screen[screen.length - 1]) screen.pop();
  tmux('kill-session', '-t', session);
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(join(outDir, `${c.name}.txt`), `cursor ${cursor}\n${screen.join('\n')}\n`);
  console.log(c.name);
}
try {
  tmux('kill-server');
} catch {
  // already gone
}
