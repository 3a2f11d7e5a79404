/** `openssl req`: make a certificate request (-new -key / -newkey) and print one (-in -text/-subject). */
import type { CommandContext } from '../../shell/command';
import { decodeRequest, encodeRequest, type CertificateRequest } from '../../sim/pki/csr';
import { decodePrivateKey, encodePrivateKey, type PrivateKey } from '../../sim/pki/key';
import { formatName } from './format';
import { loadInput, writeOutput } from './io';
import { newKey } from './keys';
import { parseOpts } from './opts';
import { certificateText, requestText } from './x509-text';
import { encodeCertificate, type Certificate } from '../../sim/pki/cert';
import { hexBytes } from './format';
import { randomBytes } from './rand';
import { intOpt, type ParsedOpts } from './opts';

type Opts = ParsedOpts;
import { isDigestName } from './digests';
import { nameFromAttributes, parseSubject, SHORT_NAMES } from './req-name';
import { confValue, parseConf, type ConfSections } from './conf';
import { buildExtensions } from './extensions';
import type { DistinguishedName } from '../../sim/pki/cert';
import { promptSubject } from './prompt';

export { parseSubject };

const REQ_OPTS = {
  in: 'value', out: 'value', new: 'flag', key: 'value', newkey: 'value', keyout: 'value', nodes: 'flag', noenc: 'flag', subj: 'value',
  noout: 'flag', text: 'flag', subject: 'flag', pubkey: 'flag', verify: 'flag', inform: 'value', outform: 'value', config: 'value', batch: 'flag',
  days: 'value', x509: 'flag', addext: 'value', help: 'flag', reqexts: 'value', extensions: 'value', passin: 'value', passout: 'value', utf8: 'flag',
} as const;

/** The subject of a `prompt = no` config: its distinguished_name section, in order. */
function configSubject(config: ConfSections): DistinguishedName {
  const section = confValue(config, 'req', 'distinguished_name') ?? 'req_distinguished_name';
  const attributes = (config.get(section) ?? []).flatMap(([k, v]): [string, string][] => (SHORT_NAMES[k] && v ? [[SHORT_NAMES[k], v]] : []));
  return nameFromAttributes(attributes);
}

async function loadKey(ctx: CommandContext, path: string): Promise<PrivateKey | undefined> {
  const input = await loadInput(ctx, path, 'private key');
  const key = input && decodePrivateKey(input.text);
  if (input && !key) ctx.stderr.write(`Could not read private key from ${path}\n`);
  return key;
}

async function newRequest(ctx: CommandContext, o: Opts): Promise<number> {
  let key: PrivateKey | undefined;
  if (o.get('key') !== undefined) {
    key = await loadKey(ctx, o.get('key')!);
    if (!key) return 1;
  } else {
    const spec = o.get('newkey') ?? 'rsa:2048';
    const m = /^rsa:(\d+)$/.exec(spec);
    if (!m) {
      ctx.stderr.write(`req: Unknown algorithm ${spec}\nreq: Use -help for summary.\n`);
      return 1;
    }
    key = newKey(ctx, Number(m[1]));
    ctx.stderr.write('.....+++++++++++++++++++++++++++++++++++++++*......+++++++++++++++++++++++++++++++++++++++*\n-----\n');
    if (!writeOutput(ctx, o.get('keyout') ?? 'privkey.pem', encodePrivateKey(key), 0o600)) return 1;
  }
  let config: ConfSections | undefined;
  if (o.get('config') !== undefined) {
    const text = await loadInput(ctx, o.get('config'), 'config file');
    if (!text) return 1;
    config = parseConf(text.text);
  }
  const subj = o.get('subj');
  const subject = subj !== undefined ? parseSubject(subj, (line) => ctx.stderr.write(line)) : config && confValue(config, 'req', 'prompt') === 'no' ? configSubject(config) : await promptSubject(ctx);
  if (!subject) {
    ctx.stderr.write(`req: subject name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: '${subj}'\n`);
    return 1;
  }
  const req: CertificateRequest = { subject, publicKey: { bits: key.bits, id: key.id } };
  const reqExtensions = config && (o.get('reqexts') ?? confValue(config, 'req', 'req_extensions'));
  // The config's section, then each `-addext key=value` in the order given.
  const added = (o.values.get('addext') ?? []).map((kv): [string, string] => {
    const eq = kv.indexOf('=');
    return eq < 0 ? [kv.trim(), ''] : [kv.slice(0, eq).trim(), kv.slice(eq + 1).trim()];
  });
  const lines = [...(config && reqExtensions ? (config.get(reqExtensions) ?? []) : []), ...added];
  if (lines.length) {
    const keys = { subject: req.publicKey, issuer: req.publicKey, issuerName: '', issuerSerial: '' };
    req.extensions = buildExtensions(lines, keys, config ?? new Map(), false);
  }
  if (o.has('x509')) return selfSigned(ctx, o, req);
  return printRequest(ctx, o, req, encodeRequest(req));
}

/** `req -x509`: a self-signed certificate instead of a request (a CA of one's own). */
function selfSigned(ctx: CommandContext, o: Opts, req: CertificateRequest): number {
  const days = intOpt(ctx, 'req', o.get('days') ?? '30');
  if (days === undefined) return 1;
  const serial = randomBytes(ctx, 20);
  serial[0] &= 0x7f;
  const now = ctx.clock.now();
  const cert: Certificate = {
    serial: hexBytes(serial, ''),
    subject: req.subject,
    issuer: req.subject,
    notBefore: now,
    notAfter: now + days * 24 * 3600 * 1000,
    isCA: true,
    dnsNames: [],
    ipAddresses: [],
    usages: [],
    publicKey: req.publicKey,
    profile: 'openssl-self-signed',
  };
  let out = o.has('text') ? certificateText(cert) : '';
  if (!o.has('noout')) out += encodeCertificate(cert);
  return writeOutput(ctx, o.get('out'), out) ? 0 : 1;
}

function printRequest(ctx: CommandContext, o: Opts, req: CertificateRequest, pem: string): number {
  let out = '';
  if (o.has('verify')) ctx.stderr.write('Certificate request self-signature verify OK\n');
  if (o.has('text')) out += requestText(req);
  if (o.has('subject')) out += `subject=${formatName(req.subject)}\n`;
  if (!o.has('noout')) out += pem;
  return writeOutput(ctx, o.get('out'), out) ? 0 : 1;
}

export async function req(ctx: CommandContext, args: string[]): Promise<number> {
  const o = parseOpts(ctx, 'req', args, REQ_OPTS, isDigestName, 'digest');
  if (typeof o === 'number') return o;
  // -x509 without -in makes a new self-signed certificate, as -new would a request.
  if (o.has('new') || o.has('newkey') || (o.has('x509') && !o.has('in'))) return newRequest(ctx, o);
  const input = await loadInput(ctx, o.get('in'), 'X509 request');
  if (!input) {
    ctx.stderr.write('Unable to load X509 request\n');
    return 1;
  }
  const request = decodeRequest(input.text);
  if (!request) {
    ctx.stderr.write(`Could not read X509 request from ${input.name}\nUnable to load X509 request\n`);
    return 1;
  }
  return printRequest(ctx, o, request, encodeRequest(request));
}
