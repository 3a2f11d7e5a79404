import { describe, expect, it } from 'vitest';
import type { CommandContext, Program } from '../../src/shell/command';
import { lazyProgram } from '../../src/shell/lazy-program';

describe('lazyProgram', () => {
  it('loads its code on the first run only, and runs it with the caller context each time', async () => {
    let loads = 0;
    const seen: unknown[] = [];
    const real: Program = async (ctx) => {
      seen.push(ctx);
      return seen.length;
    };
    const program = lazyProgram(async () => {
      loads++;
      return real;
    });
    expect(loads).toBe(0);
    const a = {} as CommandContext;
    const b = {} as CommandContext;
    expect(await Promise.all([program(a), program(b)])).toEqual([1, 2]);
    expect(await program(a)).toBe(3);
    expect(loads).toBe(1);
    expect(seen).toEqual([a, b, a]);
  });
});
