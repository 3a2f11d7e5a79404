/** md5sum, sha1sum, sha256sum: print or check (-c) digests, in GNU's `HASH  NAME` layout. */
import type { CommandContext, Program } from '../command';
import { flag, parseArgs } from './lib/args';
import { errorText, progName, readInput, splitLines } from './lib/io';
import { textToBytes } from './lib/byte-text';
import { md5, sha1, sha256 } from './lib/hash';

const ALGOS: Record<string, (b: Uint8Array) => string> = { md5sum: md5, sha1sum: sha1, sha256sum: sha256 };

function makeChecksum(algo: (b: Uint8Array) => string): Program {
  return async (ctx: CommandContext) => {
    const args = parseArgs(ctx, [flag('c', 'check'), flag('b', 'binary'), flag('t', 'text'), flag(undefined, 'quiet'), flag(undefined, 'status'), flag('z', 'zero')]);
    if (typeof args === 'number') return args;
    const name = progName(ctx);
    const files = args.operands.length ? args.operands : ['-'];
    let status = 0;
    if (args.has('c')) {
      let failed = 0;
      for (const f of files) {
        const list = await readInput(ctx, f);
        if (list === null) {
          status = 1;
          continue;
        }
        for (const line of splitLines(list).lines) {
          const m = /^([0-9a-fA-F]+) [ *](.*)$/.exec(line);
          if (!m) continue;
          let ok = false;
          try {
            ok = algo(textToBytes(ctx.fs.readFile(m[2]))) === m[1].toLowerCase();
            if (!args.has('status') && !(ok && args.has('quiet'))) ctx.stdout.write(`${m[2]}: ${ok ? 'OK' : 'FAILED'}\n`);
          } catch (e) {
            ctx.stderr.write(`${name}: ${m[2]}: ${errorText(e)}\n`);
            if (!args.has('status')) ctx.stdout.write(`${m[2]}: FAILED open or read\n`);
          }
          if (!ok) failed++;
        }
      }
      if (failed) {
        if (!args.has('status')) ctx.stderr.write(`${name}: WARNING: ${failed} computed checksum${failed > 1 ? 's' : ''} did NOT match\n`);
        status = 1;
      }
      return status;
    }
    for (const f of files) {
      const text = await readInput(ctx, f);
      if (text === null) {
        status = 1;
        continue;
      }
      ctx.stdout.write(`${algo(textToBytes(text))}  ${f}\n`);
    }
    return status;
  };
}

export const md5sum = makeChecksum(ALGOS.md5sum);
export const sha1sum = makeChecksum(ALGOS.sha1sum);
export const sha256sum = makeChecksum(ALGOS.sha256sum);
