/**
 * Our terminal against real bash: every case of oracle/readline-cases.ts was played into bash 5.2
 * inside tmux (oracle/record-bash.ts) and its screen recorded in golden/bash/. The same keys
 * typed into our terminal must leave the same screen and the same cursor.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCompleter } from '../../src/terminal/completion/engine';
import { loadKubectlCompletion } from '../../src/terminal/completion/kubectl';
import { COMPLETION_CASES } from './oracle/completion-cases';
import { READLINE_CASES } from './oracle/readline-cases';
import { memoryProvider } from './support/memory-provider';
import { FakeShell } from './support/fake-backend';
import { memoryStore, startController } from './support/headless';

// The recorded kubectl command tree loads on demand (the terminal loads it after its first prompt).
beforeAll(() => loadKubectlCompletion());

describe('readline and completion match bash', () => {
  for (const c of [...READLINE_CASES, ...COMPLETION_CASES]) {
    it(c.name, async () => {
      const golden = readFileSync(join(__dirname, 'golden', 'bash', `${c.name}.txt`), 'utf8');
      const [cursorLine, ...rest] = golden.replace(/\n$/, '').split('\n');
      const shell = new FakeShell();
      if (c.files || c.kubectl) shell.completer = createCompleter(memoryProvider(c.files ?? {}));
      const history = memoryStore({ 'root@cka01': c.history ?? [] });
      const { rig, controller } = startController(shell, { cols: c.cols ?? 80, rows: c.rows ?? 24, history });
      for (const chunk of c.keys) {
        rig.type(chunk);
        await controller.idle();
        await rig.flush();
      }
      expect(rig.screen()).toBe(rest.join('\n'));
      expect(`cursor ${rig.cursor.x},${rig.cursor.y}`).toBe(cursorLine);
    });
  }
});
