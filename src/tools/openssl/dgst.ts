/** `openssl dgst [-sha256|-sha1|-md5] [-hex|-r] [file…]`: `SHA2-256(stdin)= <hex>`. */
import type { CommandContext } from '../../shell/command';
import { DIGESTS, isDigestName } from './digests';
import { readPlainFile, writeOutput } from './io';
import { parseOpts } from './opts';

export async function dgst(ctx: CommandContext, args: string[]): Promise<number> {
  const o = parseOpts(ctx, 'dgst', args, { hex: 'flag', r: 'flag', binary: 'flag', out: 'value', c: 'flag' }, isDigestName, 'digest-fetch');
  if (typeof o === 'number') return o;
  const digestName = [...o.order].reverse().find(isDigestName) ?? 'sha256';
  const d = DIGESTS[digestName];
  const line = (bytes: Uint8Array, name: string) => (o.has('r') ? `${d.hash(bytes)} *${name}\n` : `${d.label}(${name})= ${d.hash(bytes)}\n`);
  let out = '';
  let status = 0;
  if (o.operands.length === 0) out += line(new TextEncoder().encode(await ctx.stdin.readAll()), 'stdin');
  for (const f of o.operands) {
    const text = readPlainFile(ctx, f);
    if (text === undefined) {
      status = 1;
      continue;
    }
    out += line(new TextEncoder().encode(text), f);
  }
  if (!writeOutput(ctx, o.get('out'), out)) return 1;
  return status;
}
