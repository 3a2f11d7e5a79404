/**
 * OpenSSL's option parser (apps/lib/opt.c): single-dash long options (`-in F`, also `--in`,
 * `-in=F`), a value option at the end of the line needs a value, an unknown option ends the run
 * with `<cmd>: Unknown option: -x` and `<cmd>: Use -help for summary.`.
 */
import type { CommandContext } from '../../shell/command';
import { ERR_PREFIX } from './io';

export type OptKind = 'flag' | 'value';

export interface ParsedOpts {
  values: Map<string, string[]>;
  operands: string[];
  has(name: string): boolean;
  get(name: string): string | undefined;
  /** Options in the order given (x509 prints its fields in that order). */
  order: string[];
}

/** The options, or the exit status after printing the error. */
/**
 * How a command reports an unknown option: plainly, or (commands that take any digest as an option,
 * like req and dgst) as `Unknown option or message digest`, dgst adding the failed fetch.
 */
export type UnknownStyle = 'plain' | 'digest' | 'digest-fetch';

export function parseOpts(ctx: CommandContext, prog: string, args: string[], table: Record<string, OptKind>, extraFlag?: (name: string) => boolean, unknownStyle: UnknownStyle = 'plain'): ParsedOpts | number {
  const values = new Map<string, string[]>();
  const operands: string[] = [];
  const order: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    let name = a.replace(/^--?/, '');
    let inline: string | undefined;
    const eq = name.indexOf('=');
    if (eq > 0) {
      inline = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const kind = table[name] ?? (extraFlag?.(name) ? 'flag' : undefined);
    if (!kind) {
      if (unknownStyle === 'plain') ctx.stderr.write(`${prog}: Unknown option: ${a.startsWith('--') ? a.slice(1) : a}\n${prog}: Use -help for summary.\n`);
      else {
        ctx.stderr.write(`${prog}: Unknown option or message digest: ${name}\n${prog}: Use -help for summary.\n`);
        if (unknownStyle === 'digest-fetch') ctx.stderr.write(`${ERR_PREFIX}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:373:Global default library context, Algorithm (${name} : 0), Properties (<null>)\n`);
      }
      return 1;
    }
    let value = '';
    if (kind === 'value') {
      if (inline !== undefined) value = inline;
      else if (i + 1 < args.length) value = args[++i];
      else {
        ctx.stderr.write(`${prog}: Option -${name} needs a value\n${prog}: Use -help for summary.\n`);
        return 1;
      }
    }
    values.set(name, [...(values.get(name) ?? []), value]);
    order.push(name);
  }
  return {
    values,
    operands,
    order,
    has: (n) => values.has(n),
    get: (n) => values.get(n)?.at(-1),
  };
}

/** A non-negative integer option, or the error OpenSSL prints for it. */
export function intOpt(ctx: CommandContext, prog: string, raw: string): number | undefined {
  if (/^-?\d+$/.test(raw)) return Number(raw);
  ctx.stderr.write(`${prog}: Non-numeric value "${raw}"\n${prog}: Use -help for summary.\n`);
  return undefined;
}
