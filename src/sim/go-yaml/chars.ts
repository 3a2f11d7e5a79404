/**
 * Character classes of go-yaml v2's scanner (yamlprivateh.go), on code points. The input ends in a
 * 0 sentinel (is_z): the reader rejects a real NUL, so 0 can only be the end.
 */
export const NUL = 0;
export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const NEL = 0x85;
export const LS = 0x2028;
export const PS = 0x2029;
export const BOM = 0xfeff;

export const isZ = (c: number) => c === NUL;
export const isSpace = (c: number) => c === SPACE;
export const isTab = (c: number) => c === TAB;
export const isBlank = (c: number) => c === SPACE || c === TAB;
export const isBreak = (c: number) => c === CR || c === LF || c === NEL || c === LS || c === PS;
export const isBreakZ = (c: number) => isBreak(c) || c === NUL;
export const isBlankZ = (c: number) => isBlank(c) || isBreakZ(c);
/** Anchor, tag handle and directive name characters: ASCII letters, digits, '_' and '-'. */
export const isAlpha = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
export const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
export const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** What the reader lets through (readerc.go): anything else is "control characters are not allowed". */
export function isAllowed(c: number): boolean {
  return c === TAB || c === LF || c === CR || (c >= 0x20 && c <= 0x7e) || c === NEL || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** The characters that may not start a plain scalar (fetch_next_token). */
export const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/** Tag URI characters besides letters and digits (scan_tag_uri). */
export const URI_CHARS = new Set([...';/?:@&=+$,.!~*\'()[]%'].map((c) => c.charCodeAt(0)));

export const code = (s: string) => s.charCodeAt(0);
