/** How OpenSSL prints names, times, serials and byte dumps (X509_NAME_print_ex, ASN1_TIME_print). */
import type { DistinguishedName } from '../../sim/pki/cert';

/** The name's attributes in order: as given to -subj, else O before CN as Go writes it. */
export function nameAttributes(dn: DistinguishedName): [string, string][] {
  if (dn.attributes) return dn.attributes;
  const cn: [string, string][] = dn.commonName ? [['CN', dn.commonName]] : [];
  const os = dn.organizations.map((o): [string, string] => ['O', o]);
  return dn.cnFirst ? [...cn, ...os] : [...os, ...cn];
}

const LONG_NAMES: Record<string, string> = { CN: 'commonName', O: 'organizationName', C: 'countryName', ST: 'stateOrProvinceName', L: 'localityName', OU: 'organizationalUnitName' };

export type NameStyle = 'oneline' | 'RFC2253' | 'compat' | 'multiline';

export function isNameStyle(s: string): s is NameStyle {
  return s === 'oneline' || s === 'RFC2253' || s === 'compat' || s === 'multiline';
}

/** `CN = jane, O = dev` (oneline, the openssl 3 default), or another -nameopt style. */
export function formatName(dn: DistinguishedName, style: NameStyle = 'oneline'): string {
  const attrs = nameAttributes(dn);
  if (style === 'RFC2253') return [...attrs].reverse().map(([t, v]) => `${t}=${v}`).join(',');
  if (style === 'compat') return attrs.map(([t, v]) => `/${t}=${v}`).join('');
  if (style === 'multiline') return attrs.map(([t, v]) => `\n    ${(LONG_NAMES[t] ?? t).padEnd(26)}= ${v}`).join('');
  return attrs.map(([t, v]) => `${t} = ${v}`).join(', ');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov  2 03:54:05 2026 GMT` */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

/** The serial's bytes as DER holds them (a leading 00 when the top bit is set). */
export function serialBytes(serialHex: string): number[] {
  let hex = serialHex.replace(/^0+(?=.)/, '').toLowerCase();
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = (hex.match(/../g) ?? ['00']).map((b) => parseInt(b, 16));
  return bytes[0] >= 0x80 ? [0, ...bytes] : bytes;
}

/** `-serial`: upper-case hex, whole bytes. */
export function serialHexUpper(serialHex: string): string {
  const bytes = serialBytes(serialHex);
  const trimmed = bytes.length > 1 && bytes[0] === 0 ? bytes.slice(1) : bytes;
  return trimmed.map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
}

export function hexBytes(bytes: number[], sep = ':', upper = false): string {
  const s = bytes.map((b) => b.toString(16).padStart(2, '0')).join(sep);
  return upper ? s.toUpperCase() : s;
}

/** A byte dump as `-text` prints modulus and signature: n bytes a line, ':' after each but the last. */
export function dumpLines(bytes: number[], perLine: number, indent: number): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += perLine) {
    const chunk = hexBytes(bytes.slice(i, i + perLine));
    lines.push(`${' '.repeat(indent)}${chunk}${i + perLine < bytes.length ? ':' : ''}`);
  }
  return lines.join('\n');
}

/** Hex pairs of a sha256/sha1 hex string, upper case with colons (fingerprints, key identifiers). */
export function colonHex(hex: string): string {
  return (hex.match(/../g) ?? []).join(':').toUpperCase();
}
