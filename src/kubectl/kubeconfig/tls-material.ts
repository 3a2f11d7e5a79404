/**
 * The checks client-go's transport makes of a kubeconfig's TLS material before any connection
 * (transport.TLSConfigFor): no CA together with insecure-skip-tls-verify, a CA bundle holding a
 * certificate, a client certificate and key that tls.X509KeyPair accepts. Each answer is the
 * error text kubectl prints, or undefined.
 */
import { certificatesIn } from '../../sim/pki/cert';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

function pemTypes(text: string): string[] {
  return [...text.matchAll(PEM_BLOCK)].map((m) => m[1]);
}

/** rootCertPool's error for a CA bundle (createErrorParsingCAData's words). */
export function caBundleError(pem: string): string | undefined {
  if (certificatesIn(pem).length > 0) return undefined;
  const types = pemTypes(pem);
  if (types.length === 0) return 'unable to load root certificates: unable to parse bytes as PEM block';
  if (types.includes('CERTIFICATE')) return 'unable to load root certificates: failed to parse certificate: x509: malformed certificate';
  return 'unable to load root certificates: no valid certificate authority data seen';
}

/** tls.X509KeyPair's error for a client certificate and key. */
export function keyPairError(certPem: string, keyPem: string): string | undefined {
  const certTypes = pemTypes(certPem);
  if (!certTypes.includes('CERTIFICATE')) {
    if (certTypes.length === 0) return 'tls: failed to find any PEM data in certificate input';
    return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${certTypes.join(' ')}]`;
  }
  const keyTypes = pemTypes(keyPem);
  if (!keyTypes.some((t) => t === 'PRIVATE KEY' || t.endsWith(' PRIVATE KEY'))) {
    if (keyTypes.length === 0) return 'tls: failed to find any PEM data in key input';
    if (keyTypes.includes('CERTIFICATE')) return 'tls: found a certificate rather than a key in the PEM for the private key';
    return `tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${keyTypes.join(' ')}]`;
  }
  // The first certificate block must parse.
  if (certificatesIn(certPem).length === 0) return 'x509: malformed certificate';
  return undefined;
}

export const INSECURE_WITH_CA = 'specifying a root certificates file with the insecure flag is not allowed';
