/**
 * Golden files of the component logs: one case a file, the command line then exactly what it
 * prints. `WRITE_GOLDEN=1` (or a missing file) writes them from the simulation, after a review of
 * the output against the real component.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** The checker of the goldens kept in `dir`. */
export function goldenChecker(dir: string): (file: string, command: string, stdout: string) => void {
  return (file, command, stdout) => {
    const text = `$ ${command}\n${stdout}`;
    const path = join(dir, file);
    if (process.env.WRITE_GOLDEN === '1' || !existsSync(path)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, text);
    }
    expect(text).toBe(readFileSync(path, 'utf8'));
  };
}
