/**
 * curl's TLS with OpenSSL 3 (curl 7.81 as Ubuntu 22.04 ships it, lib/vtls/openssl.c), in the
 * order its connection meets each step: the CA file (--cacert) and the client certificate (--cert,
 * --key) are loaded before the handshake; the server's chain is verified during it (unless -k);
 * the host name is checked against the leaf's subjectAltNames after it (unless -k); a server that
 * requires a client certificate (etcd) ends the connection with an alert, which curl meets when it
 * reads the response. Each failure is curl's status and sentence.
 */
import { decodePrivateKey } from '../../../sim/pki/key';
import { certificateNamesHost, certificatesIn, type Certificate } from '../../../sim/pki/cert';
import { VERIFY_TEXT, verifyEvents } from '../../../tools/openssl/s-client-verify';
import type { TlsPeer } from './system';

export interface CurlFailure {
  code: number;
  message: string;
  /** Text curl prints after the `curl: (N) message` line (the CA advice after a verification failure). */
  after?: string;
}

export interface TlsOptions {
  insecure: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
}

/** Where Ubuntu's curl looks for CAs when no --cacert is given (its build's CURL_CA_BUNDLE and CURL_CA_PATH). */
const SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const SYSTEM_CAPATH = '/etc/ssl/certs';

const CA_ADVICE =
  'More details here: https://curl.se/docs/sslcerts.html\n\n' +
  'curl failed to verify the legitimacy of the server and therefore could not\n' +
  'establish a secure connection to it. To learn more about this situation and\n' +
  'how to fix it, please visit the web page mentioned above.\n';

type ReadFile = (path: string) => string;

function tryRead(readFile: ReadFile, path: string): string | undefined {
  try {
    return readFile(path);
  } catch {
    return undefined;
  }
}

/** Before the handshake: the trusted CAs and the client certificate, or the failure loading them. */
export function prepareTls(o: TlsOptions, readFile: ReadFile): { trusted: Certificate[]; clientCert?: Certificate } | CurlFailure {
  let trusted: Certificate[] = [];
  if (!o.insecure) {
    const text = tryRead(readFile, o.cacert ?? SYSTEM_BUNDLE);
    // A --cacert that cannot be read fails; a missing system bundle only leaves nothing trusted.
    if (text === undefined && o.cacert !== undefined) return { code: 77, message: `error setting certificate verify locations:  CAfile: ${o.cacert} CApath: ${SYSTEM_CAPATH}` };
    trusted = certificatesIn(text ?? '');
  }
  if (o.cert === undefined) return { trusted };
  const certText = tryRead(readFile, o.cert);
  const cert = certText === undefined ? undefined : certificatesIn(certText)[0];
  if (!cert) {
    const why = certText === undefined ? 'error:80000002:system library::No such file or directory' : 'error:0480006C:PEM routines::no start line';
    return { code: 58, message: `could not load PEM client certificate, OpenSSL error ${why}, (no key found, wrong pass phrase, or wrong file format?)` };
  }
  const keyPath = o.key ?? o.cert;
  const keyText = tryRead(readFile, keyPath);
  if (keyText === undefined || !decodePrivateKey(keyText)) return { code: 58, message: `unable to set private key file: '${keyPath}' type PEM` };
  return { trusted, clientCert: cert };
}

/** The handshake and the first read: the failure curl reports, or undefined when the response comes through. */
export function handshakeFailure(o: TlsOptions, peer: TlsPeer, host: string, trusted: Certificate[], offeredCert: boolean, now: number): CurlFailure | undefined {
  if (!o.insecure && peer.chain.length) {
    const error = verifyEvents(peer.chain, trusted, now).find((e) => e.error !== undefined)?.error;
    if (error !== undefined) return { code: 60, message: `SSL certificate problem: ${VERIFY_TEXT[error]}`, after: CA_ADVICE };
    const leaf = peer.chain[0];
    if (!certificateNamesHost(leaf, host)) {
      const message = leaf.dnsNames.length || leaf.ipAddresses.length
        ? `SSL: no alternative certificate subject name matches target host name '${host}'`
        : `SSL: certificate subject name '${leaf.subject.commonName}' does not match target host name '${host}'`;
      return { code: 60, message, after: CA_ADVICE };
    }
  }
  if (peer.requireClientCert && !offeredCert) return { code: 56, message: 'OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0' };
  // Go's server rejects a certificate it cannot verify with a bad_certificate alert.
  if (peer.requireClientCert && !peer.clientCertTrusted) return { code: 56, message: 'OpenSSL SSL_read: error:0A000412:SSL routines::sslv3 alert bad certificate, errno 0' };
  return undefined;
}

/** A plain HTTP server reached with https://: its answer is not a TLS record. */
export const NOT_TLS: CurlFailure = { code: 35, message: 'error:0A00010B:SSL routines::wrong version number' };
