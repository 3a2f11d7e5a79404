/** `openssl genrsa` and `openssl rsa`/`pkey`: simulated RSA keys (src/sim/pki/key.ts). */
import type { CommandContext } from '../../shell/command';
import { decodePrivateKey, decodePublicKey, encodePrivateKey, encodePublicKey, modulusBytes, publicKeyDer, type PrivateKey } from '../../sim/pki/key';
import { hexBytes } from './format';
import { loadInput, writeOutput } from './io';
import { parseOpts } from './opts';
import { randomBytes } from './rand';

/** A fresh key named by 16 random bytes of the world's generator. */
export function newKey(ctx: CommandContext, bits: number): PrivateKey {
  return { bits, id: hexBytes(randomBytes(ctx, 16), '') };
}

export async function genrsa(ctx: CommandContext, args: string[]): Promise<number> {
  const o = parseOpts(ctx, 'genrsa', args, { out: 'value', aes256: 'flag', aes128: 'flag', des3: 'flag', passout: 'value', quiet: 'flag', verbose: 'flag', f4: 'flag', '3': 'flag', primes: 'value', help: 'flag' });
  if (typeof o === 'number') return o;
  const raw = o.operands[0] ?? '2048';
  if (o.operands.length > 1) {
    ctx.stderr.write(`genrsa: Extra arguments given.\ngenrsa: Use -help for summary.\n`);
    return 1;
  }
  if (!/^\d+$/.test(raw)) {
    ctx.stderr.write(`genrsa: Invalid number "${raw}"\ngenrsa: Use -help for summary.\n`);
    return 1;
  }
  const bits = Number(raw);
  if (bits < 512) {
    ctx.stderr.write(`Error generating RSA key\n`);
    return 1;
  }
  return writeOutput(ctx, o.get('out'), encodePrivateKey(newKey(ctx, bits)), 0o600) ? 0 : 1;
}

const RSA_OPTS = { in: 'value', out: 'value', pubin: 'flag', pubout: 'flag', inform: 'value', outform: 'value', noout: 'flag', text: 'flag', check: 'flag', passin: 'value', help: 'flag', traditional: 'flag', modulus: 'flag' } as const;

/** `openssl rsa` (and `pkey`, which differs only in its name and its "writing" line). */
function keyCommand(prog: 'rsa' | 'pkey') {
  return async (ctx: CommandContext, args: string[]): Promise<number> => {
    const o = parseOpts(ctx, prog, args, RSA_OPTS);
    if (typeof o === 'number') return o;
    const outform = (o.get('outform') ?? 'PEM').toUpperCase();
    if (outform !== 'PEM' && outform !== 'DER') {
      ctx.stderr.write(`${prog}: Invalid format "${o.get('outform')}" for option -outform\n${prog}: Use -help for summary.\n`);
      return 1;
    }
    const pubin = o.has('pubin');
    const input = await loadInput(ctx, o.get('in'), pubin ? 'public key' : 'private key');
    if (!input) {
      ctx.stderr.write(pubin ? 'Unable to load Public Key\n' : 'Unable to load Private Key\n');
      return 1;
    }
    const key = pubin ? decodePublicKey(input.text) : decodePrivateKey(input.text);
    if (!key) {
      ctx.stderr.write(pubin ? `Could not read public key from ${input.name}\n` : `Could not read private key from ${input.name}\n`);
      return 1;
    }
    if (o.has('modulus')) ctx.stdout.write(`Modulus=${hexBytes(modulusBytes(key).slice(1), '', true)}\n`);
    if (o.has('check') && !pubin) ctx.stdout.write('RSA key ok\n');
    if (o.has('noout')) return 0;
    const publicOnly = pubin || o.has('pubout');
    if (prog === 'rsa') ctx.stderr.write('writing RSA key\n');
    const text = outform === 'DER' ? publicKeyDer(key) : publicOnly ? encodePublicKey(key) : encodePrivateKey(key);
    return writeOutput(ctx, o.get('out'), text, publicOnly ? undefined : 0o600) ? 0 : 1;
  };
}

export const rsa = keyCommand('rsa');
export const pkey = keyCommand('pkey');
