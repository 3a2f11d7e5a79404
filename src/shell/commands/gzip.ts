/** gzip, gunzip, zcat: compress to NAME.gz and back (the simulation's own stream format). */
import type { CommandContext, Program } from '../command';
import { flag, helpOption, parseArgs, versionOption, withArg } from './lib/args';
import { gnuTextsOf, helpText } from './gnu-help/texts';

const SPECS = [
  flag('d', 'decompress'), flag('c', 'stdout'), flag('k', 'keep'), flag('f', 'force'), flag('v', 'verbose'), flag('r', 'recursive'), flag('l', 'list'), flag('t', 'test'),
  flag('q', 'quiet'), withArg('S', 'suffix'), flag('n', 'no-name'), flag('N', 'name'), flag('1', 'fast'), flag('9', 'best'), helpOption('h'), versionOption('V'),
  flag(undefined, 'to-stdout', 'c'), flag(undefined, 'uncompress', 'd'), flag(undefined, 'silent', 'q'),
];

/**
 * gunzip and zcat are shell scripts on Ubuntu and Debian: they answer a first argument of exactly
 * --help or --version with their own texts, and otherwise exec `gzip -d` (`gzip -cd`), so that gzip's
 * getopt, texts and messages (named "gzip") answer everything else.
 */
function scriptAnswer(ctx: CommandContext): number | undefined {
  const own = gnuTextsOf(ctx);
  if (!own || (ctx.argv[1] !== '--help' && ctx.argv[1] !== '--version')) return undefined;
  ctx.stdout.write(ctx.argv[1] === '--help' ? helpText(own, ctx.argv[0]) : own.version);
  return 0;
}
import { errorText, progName } from './lib/io';
import { gzipDecode, gzipEncode } from './lib/archive';

function makeGzip(mode: 'gzip' | 'gunzip' | 'zcat'): Program {
  return async (ctx: CommandContext) => {
    const answered = mode === 'gzip' ? undefined : scriptAnswer(ctx);
    if (answered !== undefined) return answered;
    // gunzip and zcat are gzip itself on Ubuntu: messages say "gzip".
    const name = progName(ctx).replace(/(g?unzip|zcat)$/, 'gzip');
    const gzipCtx = mode === 'gzip' ? ctx : { ...ctx, argv: ['gzip', ...ctx.argv.slice(1)] };
    const args = parseArgs(gzipCtx, SPECS, { tryLine: "Try `gzip --help' for more information." });
    if (typeof args === 'number') return args;
    const decompress = mode !== 'gzip' || args.has('d');
    const toStdout = mode === 'zcat' || args.has('c');
    const suffix = args.last('S') ?? '.gz';
    const files = args.operands.length ? args.operands : ['-'];
    let status = 0;
    for (const f of files) {
      if (f === '-') {
        const data = await ctx.stdin.readAll();
        if (decompress) {
          const d = gzipDecode(data);
          if (d === null) {
            ctx.stderr.write(`${name}: stdin: not in gzip format\n`);
            status = 1;
          } else ctx.stdout.write(d);
        } else ctx.stdout.write(gzipEncode(data));
        continue;
      }
      try {
        const st = ctx.fs.stat(f);
        if (!st) {
          if (decompress && !f.endsWith(suffix) && ctx.fs.stat(f + suffix)) {
            files.push(f + suffix);
            continue;
          }
          ctx.stderr.write(`${name}: ${f}: No such file or directory\n`);
          status = 1;
          continue;
        }
        if (st.type === 'dir') {
          ctx.stderr.write(`${name}: ${f} is a directory -- ignored\n`);
          status = 2;
          continue;
        }
        const data = ctx.fs.readFile(f);
        if (decompress) {
          if (!toStdout && !f.endsWith(suffix)) {
            ctx.stderr.write(`${name}: ${f}: unknown suffix -- ignored\n`);
            status = 2;
            continue;
          }
          const d = gzipDecode(data);
          if (d === null) {
            ctx.stderr.write(`${name}: ${f}: not in gzip format\n`);
            status = 1;
            continue;
          }
          if (toStdout) ctx.stdout.write(d);
          else {
            const out = f.slice(0, -suffix.length);
            if (ctx.fs.lstat(out) && !args.has('f')) {
              ctx.stderr.write(`${name}: ${out} already exists;\tnot overwritten\n`);
              status = 2;
              continue;
            }
            ctx.fs.writeFile(out, d, { mode: st.mode });
            if (!args.has('k')) ctx.fs.remove(f);
          }
        } else {
          if (f.endsWith(suffix) && !toStdout) {
            ctx.stderr.write(`${name}: ${f} already has ${suffix} suffix -- unchanged\n`);
            status = 2;
            continue;
          }
          const enc = gzipEncode(data);
          if (toStdout) ctx.stdout.write(enc);
          else {
            if (ctx.fs.lstat(f + suffix) && !args.has('f')) {
              ctx.stderr.write(`${name}: ${f}${suffix} already exists;\tnot overwritten\n`);
              status = 2;
              continue;
            }
            ctx.fs.writeFile(f + suffix, enc, { mode: st.mode });
            if (!args.has('k')) ctx.fs.remove(f);
          }
        }
      } catch (e) {
        ctx.stderr.write(`${name}: ${f}: ${errorText(e)}\n`);
        status = 1;
      }
    }
    return status;
  };
}

export const gzip = makeGzip('gzip');
export const gunzip = makeGzip('gunzip');
export const zcat = makeGzip('zcat');
