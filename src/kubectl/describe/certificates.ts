/**
 * describe certificatesigningrequest, after describe.go's CertificateSigningRequestDescriber: the
 * request's PEM is parsed and its subject and alternative names listed as Go's pkix.Name and
 * x509.CertificateRequest hold them. Annotations print on one line (labels.FormatLabels), unlike
 * every other describer.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { decodeRequest } from '../../sim/pki/csr';
import type { DistinguishedName } from '../../sim/pki/cert';
import type { DescribeContext } from './describers';
import { describeEvents, rfc1123z, type Obj } from './helpers';
import { PrefixWriter } from './tabwriter';
import { labelsString } from '../printers/columns/types';
import { humanDuration } from '../printers/duration';
import { fail } from '../errors';

export function describeCertificateSigningRequest(o: KubeObject, ctx: DescribeContext): string {
  const spec = (o.spec ?? {}) as Obj;
  const status = (o.status ?? {}) as Obj;
  const pem = decodeBase64(String(spec.request ?? ''));
  if (!/-----BEGIN CERTIFICATE REQUEST-----/.test(pem)) throw fail('Error parsing CSR: PEM block type must be CERTIFICATE REQUEST');
  const request = decodeRequest(pem);
  if (!request) throw fail('Error parsing CSR: x509: malformed certificate request');
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata?.name ?? ''}\n`);
  w.write(0, `Labels:\t${labelsString(o.metadata?.labels)}\n`);
  w.write(0, `Annotations:\t${labelsString(o.metadata?.annotations)}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(o.metadata?.creationTimestamp)}\n`);
  w.write(0, `Requesting User:\t${spec.username ?? ''}\n`);
  if (spec.signerName) w.write(0, `Signer:\t${spec.signerName}\n`);
  if (typeof spec.expirationSeconds === 'number') w.write(0, `Requested Duration:\t${humanDuration(spec.expirationSeconds * 1000)}\n`);
  w.write(0, `Status:\t${csrStatus(((status.conditions ?? []) as Obj[]).map((c) => String(c.type)), String(status.certificate ?? ''))}\n`);
  const name = pkixName(request.subject);
  w.write(0, 'Subject:\n');
  w.write(0, `\tCommon Name:\t${name.commonName}\n`);
  w.write(0, `\tSerial Number:\t${name.serialNumber}\n`);
  const list = (title: string, values: string[]) => {
    if (values.length) w.write(0, `\t${title}:\t${values.join('\n\t\t')}\n`);
  };
  list('Organization', name.organization);
  list('Organizational Unit', name.organizationalUnit);
  list('Country', name.country);
  list('Locality', name.locality);
  list('Province', name.province);
  list('StreetAddress', name.streetAddress);
  list('PostalCode', name.postalCode);
  const sans = alternativeNames(request.extensions?.find((e) => e.name === 'subjectAltName')?.value ?? '');
  if (sans.dns.length + sans.email.length + sans.ip.length + sans.uri.length > 0) {
    w.write(0, 'Subject Alternative Names:\n');
    list('DNS Names', sans.dns);
    list('Email Addresses', sans.email);
    list('URIs', sans.uri);
    list('IP Addresses', sans.ip);
  }
  if (ctx.events) describeEvents(w, ctx.events, ctx.now);
  return w.toString();
}

/** extractCSRStatus: Denied over Approved over Pending, then `,Failed` and `,Issued`. */
function csrStatus(conditions: string[], certificate: string): string {
  let s = conditions.includes('Denied') ? 'Denied' : conditions.includes('Approved') ? 'Approved' : 'Pending';
  if (conditions.includes('Failed')) s += ',Failed';
  if (certificate) s += ',Issued';
  return s;
}

/** A name as pkix.Name.FillFromRDNSequence fills it: one CommonName and SerialNumber (the last), lists in order. */
function pkixName(dn: DistinguishedName) {
  const attributes = dn.attributes ?? [['CN', dn.commonName], ...dn.organizations.map((o): [string, string] => ['O', o])];
  const name = { commonName: '', serialNumber: '', organization: [] as string[], organizationalUnit: [] as string[], country: [] as string[], locality: [] as string[], province: [] as string[], streetAddress: [] as string[], postalCode: [] as string[] };
  const lists: Record<string, string[]> = { O: name.organization, OU: name.organizationalUnit, C: name.country, L: name.locality, ST: name.province, street: name.streetAddress, postalCode: name.postalCode };
  for (const [type, value] of attributes) {
    if (type === 'CN') name.commonName = value;
    else if (type === 'serialNumber') name.serialNumber = value;
    else lists[type]?.push(value);
  }
  return name;
}

/** The names of a subjectAltName extension as openssl prints it (`DNS:a, IP Address:10.0.0.1, email:…, URI:…`). */
function alternativeNames(value: string): { dns: string[]; email: string[]; ip: string[]; uri: string[] } {
  const out = { dns: [] as string[], email: [] as string[], ip: [] as string[], uri: [] as string[] };
  for (const part of value.split(/,\s*/)) {
    const i = part.indexOf(':');
    if (i < 0) continue;
    const [kind, v] = [part.slice(0, i).trim(), part.slice(i + 1)];
    if (kind === 'DNS') out.dns.push(v);
    else if (kind === 'email') out.email.push(v);
    else if (kind === 'IP Address' || kind === 'IP') out.ip.push(v);
    else if (kind === 'URI') out.uri.push(v);
  }
  return out;
}

function decodeBase64(text: string): string {
  try {
    return atob(text);
  } catch {
    return '';
  }
}
