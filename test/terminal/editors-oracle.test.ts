/**
 * Our vim and nano against the real ones: each case of oracle/editor-cases.ts was played into
 * Vim 9 and GNU nano in tmux (oracle/record-editors.ts). The same keys into our programs must
 * give the same screen and cursor, or, for cases that quit, the same file.
 * Masked: the time in undo messages, and nano's version in its title bar.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nano, preloadTerminalPrograms, vim } from '../../src/terminal/programs';

// The editors load on first use: have their code in before timing what they draw.
beforeAll(() => preloadTerminalPrograms());
import { NANO_CASES, VIM_CASES } from './oracle/editor-cases';
import { HeadlessRig } from './support/headless';
import { MemoryFs, programContext, ttyFor } from './support/program-context';

const mask = (s: string) => s.replace(/\d+ seconds? ago +/g, 'N seconds ago ').replace(/GNU nano \d+\.\d+/, 'GNU nano X.Y');

describe('editors match the real vim and nano', () => {
  for (const c of [...VIM_CASES, ...NANO_CASES]) {
    it(c.name, async () => {
      const golden = readFileSync(join(__dirname, 'golden', c.program, `${c.name}.txt`), 'utf8');
      const fs = new MemoryFs('/root');
      if (c.content !== null) fs.files.set(`/root/${c.file}`, c.content);
      const rig = new HeadlessRig(c.cols ?? 80, c.rows ?? 24);
      const tty = ttyFor(rig);
      const program = c.program === 'vim' ? vim : nano;
      const ctx = programContext([c.program, c.file], fs, tty);
      let exited = false;
      const run = program(ctx).then((code) => {
        exited = true;
        return code;
      });
      for (const chunk of c.keys) {
        rig.type(chunk);
        await rig.flush();
      }
      await rig.flush();
      if (c.exits) {
        expect(exited).toBe(true);
        expect(await run).toBe(0);
        const content = fs.files.get(`/root/${c.file}`);
        expect(`--- file\n${content ?? '(missing)\n'}`).toBe(golden);
        return;
      }
      const [cursorLine, ...rest] = golden.replace(/\n$/, '').split('\n');
      expect(mask(rig.screen())).toBe(mask(rest.join('\n')));
      expect(`cursor ${rig.cursor.x},${rig.cursor.y}`).toBe(cursorLine);
    });
  }
});
