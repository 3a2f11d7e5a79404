/**
 * What varies between two `openssl s_client` runs, on top of what varies for every openssl command:
 * the certificate's bytes (the simulator's PEM carries its own encoding), the byte counts of the
 * handshake, session ids, keys and tickets, the unix times in self-signed names, and the source line
 * numbers of OpenSSL's error queue (they differ between 3.0 patch releases).
 */
import { maskOpensslOutput } from '../openssl-golden/mask';

export function maskSClientOutput(text: string): string {
  return maskOpensslOutput(text)
    .replace(/(-----BEGIN CERTIFICATE-----\n)[\s\S]*?(\n-----END CERTIFICATE-----)/g, '$1<pem>$2')
    .replace(/has read \d+ bytes and written \d+ bytes/g, 'has read <n> bytes and written <n> bytes')
    .replace(/@\d{9,10}\b/g, '@<unix>')
    .replace(/^( {4}(?:Session-ID|Resumption PSK|Master-Key): )[0-9A-F]+$/gm, '$1<hex>')
    .replace(/^( {4}Start Time: )\d+$/gm, '$1<unix>')
    .replace(/^ {4}[0-9a-f]{4} - .*\n/gm, '    <ticket>\n')
    .replace(/(\.\.\/[a-z0-9_/]+\.c):\d+/g, '$1:<line>');
}
