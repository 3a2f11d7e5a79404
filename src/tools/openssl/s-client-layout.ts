/**
 * The text OpenSSL 3.0's s_client prints once the handshake is over (apps/s_client.c print_stuff),
 * for a TLS 1.3 session with a Go server: Go picks TLS_AES_128_GCM_SHA256 and X25519, signs with
 * RSA-PSS/SHA-256 (the first scheme of OpenSSL's list its RSA key can use), and asks for a client
 * certificate with Go 1.24's defaultSupportedSignatureAlgorithms, of which OpenSSL (security level 2)
 * shares all but the SHA-1 ones. Recorded against s_server configured alike (test/tools/openssl-s-client-golden).
 */
import { encodeCertificate, type Certificate } from '../../sim/pki/cert';
import { formatName, formatTime } from './format';
import type { TlsServer } from './s-client-servers';
import { VERIFY_TEXT } from './s-client-verify';

const GO_SIGALGS = ['RSA-PSS+SHA256', 'ECDSA+SHA256', 'ed25519', 'RSA-PSS+SHA384', 'RSA-PSS+SHA512', 'RSA+SHA256', 'RSA+SHA384', 'RSA+SHA512', 'ECDSA+SHA384', 'ECDSA+SHA512', 'RSA+SHA1', 'ECDSA+SHA1'];
const REQUESTED = `Requested Signature Algorithms: ${GO_SIGALGS.join(':')}\n`;
const SHARED = `Shared Requested Signature Algorithms: ${GO_SIGALGS.filter((s) => !s.endsWith('SHA1')).join(':')}\n`;
export const CIPHER = 'TLS_AES_128_GCM_SHA256';

export interface Session {
  server: TlsServer;
  showcerts: boolean;
  /** The verify result; undefined when -verify_return_error stopped the handshake at the certificate. */
  result: number;
  failed: boolean;
  bytesRead: number;
  bytesWritten: number;
}

function chainEntry(c: Certificate, i: number, showcerts: boolean): string {
  let out = ` ${i} s:${formatName(c.subject)}\n   i:${formatName(c.issuer)}\n   a:PKEY: rsaEncryption, ${c.publicKey?.bits ?? 2048} (bit); sigalg: RSA-SHA256\n`;
  out += `   v:NotBefore: ${formatTime(c.notBefore)}; NotAfter: ${formatTime(c.notAfter)}\n`;
  return showcerts ? out + encodeCertificate(c) : out;
}

function clientCANames(server: TlsServer): string {
  if (!server.clientCAs.length) return 'No client certificate CA names sent\n';
  return `Acceptable client certificate CA names\n${server.clientCAs.map((c) => `${formatName(c.subject)}\n`).join('')}${REQUESTED}${SHARED}`;
}

/** Everything after CONNECTED(…) up to the closing `---`. */
export function sessionText(s: Session): string {
  const leaf = s.server.chain[0];
  let out = '---\nCertificate chain\n' + s.server.chain.map((c, i) => chainEntry(c, i, s.showcerts)).join('') + '---\n';
  // A handshake stopped at the certificate keeps no peer certificate.
  if (s.failed) out += 'no peer certificate available\n';
  else out += `Server certificate\n${s.showcerts ? '' : encodeCertificate(leaf)}subject=${formatName(leaf.subject)}\nissuer=${formatName(leaf.issuer)}\n`;
  out += '---\n' + clientCANames(s.server);
  if (!s.failed) out += 'Peer signing digest: SHA256\nPeer signature type: RSA-PSS\n';
  out += 'Server Temp Key: X25519, 253 bits\n---\n';
  out += `SSL handshake has read ${s.bytesRead} bytes and written ${s.bytesWritten} bytes\n`;
  out += s.result === 0 ? 'Verification: OK\n' : `Verification error: ${VERIFY_TEXT[s.result]}\n`;
  out += `---\nNew, TLSv1.3, Cipher is ${CIPHER}\n`;
  if (!s.failed) out += `Server public key is ${leaf.publicKey?.bits ?? 2048} bit\n`;
  out += 'Secure Renegotiation IS NOT supported\nCompression: NONE\nExpansion: NONE\nNo ALPN negotiated\nEarly data was not sent\n';
  out += `Verify return code: ${s.result} (${VERIFY_TEXT[s.result]})\n---\n`;
  return out;
}

/** -brief: a summary on stderr instead. */
export function briefText(s: Session): string {
  const leaf = s.server.chain[0];
  let out = `CONNECTION ESTABLISHED\nProtocol version: TLSv1.3\nCiphersuite: ${CIPHER}\n`;
  if (s.server.clientCAs.length) out += REQUESTED;
  out += `Peer certificate: ${formatName(leaf.subject)}\nHash used: SHA256\nSignature type: RSA-PSS\n`;
  out += s.result === 0 ? 'Verification: OK\n' : `Verification error: ${VERIFY_TEXT[s.result]}\n`;
  return out + 'Server Temp Key: X25519, 253 bits\n';
}

const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');

/** BIO_dump's lines: offset, 16 bytes with a dash after the eighth, then the printable characters. */
function dump(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.slice(i, i + 16);
    const cells = row.map((b, j) => `${b.toString(16).padStart(2, '0')}${j === 7 && row.length > 8 ? '-' : ' '}`).join('');
    const text = row.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    out += `    ${i.toString(16).padStart(4, '0')} - ${cells.padEnd(49)} ${text}\n`;
  }
  return out;
}

/**
 * The session ticket Go sends (one per connection, handshake_server_tls13.go sendSessionTicket), as
 * s_client's new-session callback prints it. Its lifetime is Go's maxSessionTicketLifetime (7 days);
 * the ticket's length (an encrypted session state) is not verified and stands at 192 bytes.
 */
export function ticketText(result: number, startSeconds: number, random: (n: number) => number[]): string {
  const sid = hex(random(32)).toUpperCase();
  const psk = hex(random(32)).toUpperCase();
  return (
    '---\nPost-Handshake New Session Ticket arrived:\nSSL-Session:\n    Protocol  : TLSv1.3\n' +
    `    Cipher    : ${CIPHER}\n    Session-ID: ${sid}\n    Session-ID-ctx: \n    Resumption PSK: ${psk}\n` +
    '    PSK identity: None\n    PSK identity hint: None\n    SRP username: None\n' +
    '    TLS session ticket lifetime hint: 604800 (seconds)\n    TLS session ticket:\n' +
    `${dump(random(192))}\n    Start Time: ${startSeconds}\n    Timeout   : 7200 (sec)\n` +
    `    Verify return code: ${result} (${VERIFY_TEXT[result]})\n    Extended master secret: no\n    Max Early Data: 0\n---\nread R BLOCK\n`
  );
}
