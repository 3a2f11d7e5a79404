/**
 * X.509 v3 extensions written from config lines (`-extfile`, `req_extensions`): the values as
 * `openssl x509 -text` prints them, in the order given, then the key identifiers OpenSSL 3 adds.
 */
import type { CertExtension } from '../../sim/pki/cert';
import { colonHex, hexBytes } from './format';
import type { ConfSections } from './conf';
import { derivedBytes, type PublicKey } from '../../sim/pki/key';

/** The subject key identifier of a key (what SKI and the issuer's AKI hold). */
export function keyIdOf(key: PublicKey): string {
  return colonHex(hexBytes(derivedBytes(`ski:${key.id}`, 20), ''));
}

const KEY_USAGE: Record<string, string> = {
  digitalSignature: 'Digital Signature', nonRepudiation: 'Non Repudiation', keyEncipherment: 'Key Encipherment', dataEncipherment: 'Data Encipherment',
  keyAgreement: 'Key Agreement', keyCertSign: 'Certificate Sign', cRLSign: 'CRL Sign', encipherOnly: 'Encipher Only', decipherOnly: 'Decipher Only',
};
const EXT_KEY_USAGE: Record<string, string> = {
  serverAuth: 'TLS Web Server Authentication', clientAuth: 'TLS Web Client Authentication', codeSigning: 'Code Signing', emailProtection: 'E-mail Protection',
  timeStamping: 'Time Stamping', OCSPSigning: 'OCSP Signing',
};

export const EXTENSION_TITLES: Record<string, string> = {
  keyUsage: 'X509v3 Key Usage', extendedKeyUsage: 'X509v3 Extended Key Usage', basicConstraints: 'X509v3 Basic Constraints',
  subjectKeyIdentifier: 'X509v3 Subject Key Identifier', authorityKeyIdentifier: 'X509v3 Authority Key Identifier', subjectAltName: 'X509v3 Subject Alternative Name',
};

export interface SigningKeys {
  subject: PublicKey;
  /** The issuer's key, name and serial (for authorityKeyIdentifier); the subject's own when self-signed. */
  issuer: PublicKey;
  issuerName: string;
  issuerSerial: string;
}

function sanEntries(value: string, sections: ConfSections): string[] {
  const out: string[] = [];
  for (const item of value.split(',').map((v) => v.trim())) {
    if (item.startsWith('@')) {
      for (const [k, v] of sections.get(item.slice(1)) ?? []) out.push(...sanEntries(`${k.replace(/\.\d+$/, '')}:${v}`, sections));
    } else {
      const m = /^(DNS|IP|email|URI):(.*)$/.exec(item);
      if (m) out.push(m[1] === 'IP' ? `IP Address:${m[2]}` : m[1] === 'email' ? `email:${m[2]}` : `${m[1]}:${m[2]}`);
    }
  }
  return out;
}

/** One config line as an extension; undefined for `none` or names this simulation does not model. */
function extensionOf(name: string, raw: string, keys: SigningKeys, sections: ConfSections): CertExtension | undefined {
  const parts = raw.split(',').map((p) => p.trim());
  const critical = parts[0] === 'critical';
  const values = critical ? parts.slice(1) : parts;
  if (values[0] === 'none') return undefined;
  switch (name) {
    case 'keyUsage':
      return { name, critical, value: values.map((v) => KEY_USAGE[v] ?? v).join(', ') };
    case 'extendedKeyUsage':
      return { name, critical, value: values.map((v) => EXT_KEY_USAGE[v] ?? v).join(', ') };
    case 'basicConstraints':
      return { name, critical, value: values.map((v) => v.replace(/^CA:(true|false)$/i, (_m, b: string) => `CA:${b.toUpperCase()}`).replace(/^pathlen:/, 'pathlen:')).join(', ') };
    case 'subjectKeyIdentifier':
      return { name, critical, value: keyIdOf(keys.subject) };
    case 'authorityKeyIdentifier': {
      const withIssuer = values.some((v) => v.startsWith('issuer'));
      const keyid = keyIdOf(keys.issuer);
      if (!withIssuer) return { name, critical, value: keyid };
      const serial = colonHex(keys.issuerSerial.length % 2 ? `0${keys.issuerSerial}` : keys.issuerSerial);
      return { name, critical, value: `keyid:${keyid}\nDirName:${keys.issuerName}\nserial:${serial}` };
    }
    case 'subjectAltName':
      return { name, critical, value: sanEntries(raw, sections).join(', ') };
    default:
      return undefined;
  }
}

/** Extensions from a section's lines; `withKeyIds` adds SKI then AKI unless given (OpenSSL 3's x509/req default). */
export function buildExtensions(lines: [string, string][], keys: SigningKeys, sections: ConfSections, withKeyIds: boolean): CertExtension[] {
  const out: CertExtension[] = [];
  for (const [name, raw] of lines) {
    const e = extensionOf(name, raw, keys, sections);
    if (e) out.push(e);
  }
  if (withKeyIds) {
    const named = (n: string) => lines.some(([k]) => k === n);
    if (!named('subjectKeyIdentifier')) out.push({ name: 'subjectKeyIdentifier', critical: false, value: keyIdOf(keys.subject) });
    if (!named('authorityKeyIdentifier')) out.push({ name: 'authorityKeyIdentifier', critical: false, value: keyIdOf(keys.issuer) });
  }
  return out;
}
