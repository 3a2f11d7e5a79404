/** base64: encode (wrapping at -w 76 columns, -w 0 for none) or decode (-d, -i ignore garbage). */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { lq, readInput } from './lib/io';
import { bytesToText, textToBytes } from './lib/byte-text';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Decode; returns null on invalid input (after decoding what was valid). */
export function decodeBase64(text: string, ignoreGarbage: boolean): { bytes: Uint8Array; ok: boolean } {
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  let ok = true;
  let padding = false;
  for (const ch of text) {
    if (ch === '\n' || ch === '\r') continue;
    if (ch === '=') {
      padding = true;
      continue;
    }
    const v = ALPHABET.indexOf(ch);
    if (v < 0 || padding) {
      if (ignoreGarbage && v < 0) continue;
      ok = false;
      break;
    }
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buf >> bits) & 255);
    }
  }
  return { bytes: new Uint8Array(out), ok };
}

export const base64: Program = async (ctx) => {
  const args = parseArgs(ctx, [flag('d', 'decode'), flag('i', 'ignore-garbage'), withArg('w', 'wrap')]);
  if (typeof args === 'number') return args;
  if (args.operands.length > 1) {
    ctx.stderr.write(`base64: extra operand ${lq(args.operands[1])}\nTry 'base64 --help' for more information.\n`);
    return 1;
  }
  const wrapS = args.last('w') ?? '76';
  if (!/^\d+$/.test(wrapS)) {
    ctx.stderr.write(`base64: invalid wrap size: ${lq(wrapS)}\n`);
    return 1;
  }
  const text = await readInput(ctx, args.operands[0] ?? '-');
  if (text === null) return 1;
  if (args.has('d')) {
    const r = decodeBase64(text, args.has('i'));
    ctx.stdout.write(bytesToText(r.bytes));
    if (!r.ok) {
      ctx.stderr.write('base64: invalid input\n');
      return 1;
    }
    return 0;
  }
  const enc = encodeBase64(textToBytes(text));
  const wrap = Number(wrapS);
  if (wrap === 0) ctx.stdout.write(enc);
  else {
    let out = '';
    for (let i = 0; i < enc.length; i += wrap) out += enc.slice(i, i + wrap) + '\n';
    ctx.stdout.write(out);
  }
  return 0;
};
