/**
 * `openssl verify -CAfile ca.crt cert…`: a certificate verifies when the CA file holds its issuer
 * (by name, as the chain is built) and it is within its validity.
 */
import type { CommandContext } from '../../shell/command';
import { decodeCertificate, type Certificate } from '../../sim/pki/cert';
import { formatName } from './format';
import { ERR_PREFIX, loadInput } from './io';
import { parseOpts } from './opts';

function sameName(a: Certificate['subject'], b: Certificate['subject']): boolean {
  return formatName(a) === formatName(b);
}

export async function verify(ctx: CommandContext, args: string[]): Promise<number> {
  const o = parseOpts(ctx, 'verify', args, { CAfile: 'value', CApath: 'value', untrusted: 'value', purpose: 'value', help: 'flag', verbose: 'flag', show_chain: 'flag' });
  if (typeof o === 'number') return o;
  const trusted: Certificate[] = [];
  for (const file of o.values.get('CAfile') ?? []) {
    let text: string;
    try {
      text = ctx.fs.readFile(file);
    } catch {
      ctx.stderr.write(
        `Error loading file ${file}\n` +
          `${ERR_PREFIX}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${file}, r)\n` +
          `${ERR_PREFIX}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n` +
          `${ERR_PREFIX}:error:05880002:x509 certificate routines:X509_load_cert_crl_file_ex:system lib:../crypto/x509/by_file.c:229:\n`,
      );
      return 1;
    }
    for (const block of text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []) {
      const c = decodeCertificate(block);
      if (c) trusted.push(c);
    }
  }
  let status = 0;
  for (const file of o.operands.length ? o.operands : ['-']) {
    const input = await loadInput(ctx, file, 'certificate');
    const cert = input && decodeCertificate(input.text);
    if (!input || !cert) {
      if (input) ctx.stderr.write(`Could not read certificate from ${input.name}\n`);
      ctx.stderr.write('Unable to load certificate\n');
      status = 2;
      continue;
    }
    const name = input.name === '<stdin>' ? 'stdin' : input.name;
    const issuer = trusted.find((ca) => sameName(ca.subject, cert.issuer));
    const now = ctx.clock.now();
    const problem = !issuer
      ? sameName(cert.subject, cert.issuer)
        ? 'error 18 at 0 depth lookup: self-signed certificate'
        : 'error 20 at 0 depth lookup: unable to get local issuer certificate'
      : now > cert.notAfter
        ? 'error 10 at 0 depth lookup: certificate has expired'
        : now < cert.notBefore
          ? 'error 9 at 0 depth lookup: certificate is not yet valid'
          : undefined;
    if (problem) {
      ctx.stderr.write(`${formatName(cert.subject)}\n${problem}\nerror ${name}: verification failed\n`);
      status = 2;
    } else ctx.stdout.write(`${name}: OK\n`);
  }
  return status;
}
