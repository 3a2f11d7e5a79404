/**
 * Seeded, serialisable randomness. Same seed and same calls → same pod names, UIDs and IPs.
 * sfc32: small, fast, and good enough for names; state is four 32-bit words.
 */

/** The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels, no look-alikes (0/o, 1/l, 3/e). */
export const K8S_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** '00'…'ff'. */
const HEX_DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
const UUID_CODES: number[] = new Array(36).fill(0);
const HEX_CODES: number[] = [];

export class SeededRandom {
  /** The state, updated in place (a typed array: no array and no boxed numbers per draw). */
  private s: Uint32Array;

  constructor(seed: number | string = 1) {
    const n = typeof seed === 'number' ? seed : hashString(seed);
    this.s = Uint32Array.of(0x9e3779b9, 0x243f6a88, 0xb7e15162, n >>> 0);
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  nextUint32(): number {
    const s = this.s;
    const a = s[0];
    const b = s[1];
    let c = s[2];
    const d = s[3];
    const t = (((a + b) >>> 0) + d) >>> 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    c = (c << 21) | (c >>> 11);
    s[2] = c + t;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  string(length: number, alphabet: string = K8S_NAME_ALPHABET): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** A random (version 4) UUID, as the API server gives metadata.uid. */
  uuid(): string {
    // 16 random bytes (version 4, RFC 4122 variant) as 8-4-4-4-12 hex: the 36 character codes are
    // gathered first and made into one flat string (every object created gets a uid).
    let at = 0;
    for (let i = 0; i < 16; i++) {
      let b = this.int(256);
      if (i === 6) b = (b & 0x0f) | 0x40;
      else if (i === 8) b = (b & 0x3f) | 0x80;
      if (i === 4 || i === 6 || i === 8 || i === 10) UUID_CODES[at++] = DASH;
      UUID_CODES[at++] = HEX_DIGITS[b >> 4];
      UUID_CODES[at++] = HEX_DIGITS[b & 15];
    }
    return String.fromCharCode.apply(null, UUID_CODES as unknown as number[]);
  }

  /**
   * `words` random 32-bit words as lower-case hex, 8 digits each (a container or sandbox ID is 8):
   * the same text as joining `nextUint32().toString(16).padStart(8, '0')`, made as one flat string.
   */
  hex(words: number): string {
    const codes = HEX_CODES;
    codes.length = words * 8;
    for (let w = 0; w < words; w++) {
      let x = this.nextUint32();
      for (let i = w * 8 + 7; i >= w * 8; i--) {
        codes[i] = HEX_DIGITS[x & 15];
        x >>>= 4;
      }
    }
    return String.fromCharCode.apply(null, codes);
  }

  toJSON(): number[] {
    return [...this.s];
  }

  static fromJSON(state: number[]): SeededRandom {
    const r = new SeededRandom(0);
    r.s = Uint32Array.of(state[0] >>> 0, state[1] >>> 0, state[2] >>> 0, state[3] >>> 0);
    return r;
  }
}

/** FNV-1a, 32 bit: turns a string seed into a number. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
