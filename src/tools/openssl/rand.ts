/** `openssl rand [-hex|-base64] [-out F] num`: bytes from the world's seeded generator. */
import type { CommandContext } from '../../shell/command';
import type { World } from '../../sim/world';
import { encodeBase64 } from '../../shell/commands/base64';
import { writeOutput } from './io';
import { parseOpts } from './opts';

/** n random bytes from the world's seeded generator, so a replayed session prints the same. */
export function randomBytes(ctx: CommandContext, n: number): number[] {
  const world = ctx.world as World | undefined;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(world?.random ? world.random.int(256) : Math.floor(Math.random() * 256));
  return out;
}

export async function rand(ctx: CommandContext, args: string[]): Promise<number> {
  const o = parseOpts(ctx, 'rand', args, { hex: 'flag', base64: 'flag', out: 'value', help: 'flag' });
  if (typeof o === 'number') return o;
  if (o.operands.length !== 1) {
    ctx.stderr.write('rand: Use -help for summary.\n');
    return 1;
  }
  const raw = o.operands[0];
  if (!/^\d+$/.test(raw)) {
    ctx.stderr.write(`rand: Invalid number "${raw}"\nrand: Use -help for summary.\n`);
    return 1;
  }
  const bytes = randomBytes(ctx, Number(raw));
  let text: string;
  if (o.has('hex')) text = `${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}\n`;
  else if (o.has('base64')) text = bytes.length ? `${(encodeBase64(Uint8Array.from(bytes)).match(/.{1,64}/g) ?? []).join('\n')}\n` : '';
  else text = String.fromCharCode(...bytes.map((b) => (b < 0x80 ? b : 0x3f)));
  return writeOutput(ctx, o.get('out'), text) ? 0 : 1;
}
