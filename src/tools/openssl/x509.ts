/**
 * `openssl x509`: print fields of a certificate (in the order the options were given, as OpenSSL
 * does), check its expiry, extract its public key, or sign a request with a CA (-req -CA -CAkey).
 */
import type { CommandContext } from '../../shell/command';
import { certificatePublicKey, decodeCertificate, encodeCertificate, type CertExtension, type Certificate } from '../../sim/pki/cert';
import { parseConf } from './conf';
import { buildExtensions } from './extensions';
import { decodeRequest } from '../../sim/pki/csr';
import { decodePrivateKey, encodePublicKey, modulusBytes } from '../../sim/pki/key';
import { DIGESTS, isDigestName } from './digests';
import { colonHex, formatName, formatTime, hexBytes, isNameStyle, serialHexUpper, type NameStyle } from './format';
import { ERR_PREFIX, loadInput, writeOutput } from './io';
import { intOpt, parseOpts, type ParsedOpts } from './opts';
import { randomBytes } from './rand';
import { certificateText, extensionsOf, fingerprintInput, formatExtension } from './x509-text';

const X509_OPTS = {
  in: 'value', out: 'value', inform: 'value', outform: 'value', noout: 'flag', text: 'flag', subject: 'flag', issuer: 'flag', dates: 'flag',
  startdate: 'flag', enddate: 'flag', serial: 'flag', fingerprint: 'flag', pubkey: 'flag', ext: 'value', checkend: 'value', nameopt: 'value',
  req: 'flag', CA: 'value', CAkey: 'value', CAcreateserial: 'flag', CAserial: 'value', days: 'value', extfile: 'value', extensions: 'value',
  signkey: 'value', set_serial: 'value', help: 'flag', purpose: 'flag', modulus: 'flag', hash: 'flag', subject_hash: 'flag', issuer_hash: 'flag',
} as const;

const DAY_MS = 24 * 3600 * 1000;

function nameStyle(o: ParsedOpts): NameStyle {
  const style = o.get('nameopt');
  return style && isNameStyle(style) ? style : 'oneline';
}

/** One print option's output (undefined: not a print option). */
type Printer = (cert: Certificate, pem: string, o: ParsedOpts) => string;

const PRINTERS: Record<string, Printer> = {
  subject: (c, _pem, o) => `subject=${formatName(c.subject, nameStyle(o))}\n`,
  issuer: (c, _pem, o) => `issuer=${formatName(c.issuer, nameStyle(o))}\n`,
  startdate: (c) => `notBefore=${formatTime(c.notBefore)}\n`,
  enddate: (c) => `notAfter=${formatTime(c.notAfter)}\n`,
  dates: (c) => `notBefore=${formatTime(c.notBefore)}\nnotAfter=${formatTime(c.notAfter)}\n`,
  serial: (c) => `serial=${serialHexUpper(c.serial)}\n`,
  fingerprint: (_c, pem, o) => {
    const named = [...o.order].reverse().find(isDigestName);
    const d = DIGESTS[named ?? 'sha1'];
    return `${named ? d.name : 'SHA1'} Fingerprint=${colonHex(d.hash(fingerprintInput(pem)))}\n`;
  },
  pubkey: (c) => encodePublicKey(certificatePublicKey(c)),
  text: (c) => certificateText(c),
  modulus: (c) => `Modulus=${hexBytes(modulusBytes(certificatePublicKey(c)).slice(1), '', true)}\n`,
};

/** `-ext a,b`: the named extensions, or the message OpenSSL prints when there are none. */
function printExt(ctx: CommandContext, cert: Certificate, names: string): string {
  const all = extensionsOf(cert);
  if (all.length === 0) {
    ctx.stderr.write('No extensions in certificate\n');
    return '';
  }
  const wanted = names.split(',').map((n) => n.trim());
  return all.filter((e) => wanted.includes(e.key)).map((e) => formatExtension(e, 0)).join('');
}

function printAll(ctx: CommandContext, cert: Certificate, pem: string, o: ParsedOpts): string {
  let out = '';
  for (const name of o.order) {
    if (name === 'ext') out += printExt(ctx, cert, o.values.get('ext')!.shift() ?? '');
    else if (PRINTERS[name]) out += PRINTERS[name](cert, pem, o);
  }
  return out;
}

/** What x509 does once it holds a certificate: print, write it out, check the end date. */
function finish(ctx: CommandContext, cert: Certificate, pem: string, o: ParsedOpts): number {
  let out = printAll(ctx, cert, pem, o);
  if (!o.has('noout')) out += pem;
  if (!writeOutput(ctx, o.get('out'), out)) return 1;
  const checkend = o.get('checkend');
  if (checkend !== undefined) {
    const seconds = Number(checkend);
    const expires = cert.notAfter <= ctx.clock.now() + seconds * 1000;
    ctx.stdout.write(expires ? 'Certificate will expire\n' : 'Certificate will not expire\n');
    return expires ? 1 : 0;
  }
  return 0;
}

/** The certificate's modelled fields (SANs, usages, CA flag) as the extensions written say. */
function withExtensions(cert: Certificate, extensions: CertExtension[]): Certificate {
  const san = extensions.find((e) => e.name === 'subjectAltName')?.value.split(', ') ?? [];
  const eku = extensions.find((e) => e.name === 'extendedKeyUsage')?.value ?? '';
  const usages: Certificate['usages'] = [];
  if (eku.includes('Server Authentication')) usages.push('server');
  if (eku.includes('Client Authentication')) usages.push('client');
  return {
    ...cert,
    version1: false,
    extensions,
    usages,
    isCA: extensions.some((e) => e.name === 'basicConstraints' && e.value.includes('CA:TRUE')),
    dnsNames: san.filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4)),
    ipAddresses: san.filter((n) => n.startsWith('IP Address:')).map((n) => n.slice(11)),
  };
}

/**
 * The serial for a certificate signed by this CA: the .srl file's number plus one (written back),
 * else a random one, which -CAcreateserial records in a new .srl file.
 */
function nextSerial(ctx: CommandContext, o: ParsedOpts, caPath: string): string | number {
  if (o.get('set_serial')) return BigInt(o.get('set_serial')!).toString(16);
  const srl = o.get('CAserial') ?? `${caPath.replace(/\.[^./]*$/, '')}.srl`;
  const existing = ctx.fs.stat(srl) ? ctx.fs.readFile(srl).trim() : undefined;
  let serial: bigint;
  if (existing && /^[0-9A-Fa-f]+$/.test(existing)) serial = BigInt(`0x${existing}`) + 1n;
  else {
    const bytes = randomBytes(ctx, 20);
    bytes[0] &= 0x7f;
    serial = BigInt(`0x${hexBytes(bytes, '')}`);
  }
  const hex = serial.toString(16).toUpperCase();
  if ((existing !== undefined || o.has('CAcreateserial')) && !writeOutput(ctx, srl, `${hex.length % 2 ? '0' : ''}${hex}\n`)) return 1;
  return hex.toLowerCase();
}

async function signRequest(ctx: CommandContext, o: ParsedOpts): Promise<number> {
  const input = await loadInput(ctx, o.get('in'), 'certificate request input');
  if (!input) {
    ctx.stderr.write('Unable to load certificate request input\n');
    return 1;
  }
  const request = decodeRequest(input.text);
  if (!request) {
    ctx.stderr.write(`Could not read certificate request input from ${input.name}\nUnable to load certificate request input\n`);
    return 1;
  }
  ctx.stderr.write(`Certificate request self-signature ok\nsubject=${formatName(request.subject)}\n`);
  const caPath = o.get('CA');
  const signkey = o.get('signkey');
  if (!caPath && !signkey) {
    ctx.stderr.write('We need a private key to sign with, use -signkey or -CAkey or -CA with private key\n');
    return 1;
  }
  let issuer = request.subject;
  let issuerKey = request.publicKey;
  let issuerSerial = '';
  if (caPath) {
    const ca = await loadInput(ctx, caPath, 'CA certificate');
    const caCert = ca && decodeCertificate(ca.text);
    if (!caCert) {
      if (ca) ctx.stderr.write(`Could not read CA certificate from ${caPath}\n`);
      ctx.stderr.write('Unable to load CA certificate\n');
      return 1;
    }
    const keyInput = await loadInput(ctx, o.get('CAkey') ?? caPath, 'CA private key');
    const caKey = keyInput && decodePrivateKey(keyInput.text);
    if (!keyInput || !caKey) {
      if (keyInput) ctx.stderr.write(`Could not read CA private key from ${o.get('CAkey') ?? caPath}\n`);
      return 1;
    }
    if (caCert.publicKey && caCert.publicKey.id !== caKey.id) {
      // The output file is already open (created empty) when the key check fails.
      if (o.get('out') !== undefined && !writeOutput(ctx, o.get('out'), '')) return 1;
      ctx.stderr.write(`CA certificate and CA private key do not match\n${ERR_PREFIX}:error:05800074:x509 certificate routines:X509_check_private_key:key values mismatch:../crypto/x509/x509_cmp.c:405:\n`);
      return 1;
    }
    issuer = caCert.subject;
    issuerKey = certificatePublicKey(caCert);
    issuerSerial = serialHexUpper(caCert.serial);
  } else {
    const keyInput = await loadInput(ctx, signkey, 'private key');
    if (!keyInput || !decodePrivateKey(keyInput.text)) {
      ctx.stderr.write('Unable to load private key\n');
      return 1;
    }
  }
  const days = intOpt(ctx, 'x509', o.get('days') ?? '30');
  if (days === undefined) return 1;
  const serial = nextSerial(ctx, o, caPath ?? input.name);
  if (typeof serial === 'number') return serial;
  const now = ctx.clock.now();
  let cert: Certificate = {
    serial,
    subject: request.subject,
    issuer,
    notBefore: now,
    notAfter: now + days * DAY_MS,
    isCA: false,
    dnsNames: [],
    ipAddresses: [],
    usages: [],
    publicKey: request.publicKey,
    version1: true,
  };
  const extfile = o.get('extfile');
  if (extfile !== undefined) {
    const ext = await loadInput(ctx, extfile, 'extensions file');
    if (!ext) return 1;
    const sections = parseConf(ext.text);
    const lines = sections.get(o.get('extensions') ?? 'default') ?? [];
    const keys = { subject: request.publicKey, issuer: issuerKey, issuerName: formatName(issuer, 'compat'), issuerSerial: issuerSerial || serialHexUpper(serial) };
    cert = withExtensions(cert, buildExtensions(lines, keys, sections, true));
  }
  return finish(ctx, cert, encodeCertificate(cert), o);
}

export async function x509(ctx: CommandContext, args: string[]): Promise<number> {
  const o = parseOpts(ctx, 'x509', args, X509_OPTS, isDigestName);
  if (typeof o === 'number') return o;
  if (o.get('checkend') !== undefined && intOpt(ctx, 'x509', o.get('checkend')!) === undefined) return 1;
  const nameopt = o.get('nameopt');
  if (nameopt !== undefined && !isNameStyle(nameopt)) {
    ctx.stderr.write('x509: Use -help for summary.\n');
    return 1;
  }
  if (o.has('req')) return signRequest(ctx, o);
  const input = await loadInput(ctx, o.get('in'), 'certificate');
  if (!input) {
    ctx.stderr.write('Unable to load certificate\n');
    return 1;
  }
  const cert = decodeCertificate(input.text);
  if (!cert) {
    // PEM of another kind (a key, a request) is "unsupported" by the certificate loader; other text is just unreadable.
    const unsupported = /-----BEGIN [A-Z ]+-----/.test(input.text) ? `${ERR_PREFIX}:error:1608010C:STORE routines:ossl_store_handle_load_result:unsupported:../crypto/store/store_result.c:151:\n` : '';
    ctx.stderr.write(`Could not read certificate from ${input.name}\n${unsupported}Unable to load certificate\n`);
    return 1;
  }
  return finish(ctx, cert, encodeCertificate(cert), o);
}
