/**
 * Bytes in the shell's text streams. Streams carry strings, written out as UTF-8; a byte that is
 * not part of valid UTF-8 (binary data: protobuf values from etcd, compressed files) travels as the
 * lone surrogate U+DC80+byte — Python's "surrogateescape" — so it survives pipes, files and
 * redirections unchanged and a byte-oriented reader (hexdump, od, strings) gets it back exactly.
 */

const ESCAPE = 0xdc00;

/** The length of the valid UTF-8 sequence at i (0: the byte there is not the start of one). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const cont = (k: number) => bytes[i + k] !== undefined && (bytes[i + k] & 0xc0) === 0x80;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const second = bytes[i + 1];
    // no overlong forms (E0 80..9F) and no UTF-16 surrogates (ED A0..BF)
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const second = bytes[i + 1];
    if ((b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

const decoder = new TextDecoder();

/** Bytes as stream text: valid UTF-8 decoded, every other byte escaped. */
export function bytesToText(bytes: Uint8Array): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes, i);
    if (n) {
      i += n;
      continue;
    }
    out += decoder.decode(bytes.subarray(start, i)) + String.fromCharCode(ESCAPE + bytes[i]);
    start = ++i;
  }
  return out + decoder.decode(bytes.subarray(start));
}

/** Stream text as the bytes it stands for (an unpaired surrogate that is no escape: U+FFFD, as TextEncoder writes it). */
export function textToBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff) {
      out.push(c - ESCAPE);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}
