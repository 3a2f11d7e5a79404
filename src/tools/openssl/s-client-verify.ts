/**
 * How s_client's verify callback reports the server's chain (apps/lib/s_cb.c verify_callback): a
 * `depth=N <subject>` line for every call, `verify error:num=N:<text>` for an error, `verify
 * return:1` after it; the chain is walked to a trusted CA (-CAfile) or as far as the peer's
 * certificates go, then each certificate is reported from the top down. The result is the last error.
 */
import type { Certificate } from '../../sim/pki/cert';
import { formatName, formatTime } from './format';

export const VERIFY_TEXT: Record<number, string> = {
  0: 'ok',
  10: 'certificate has expired',
  18: 'self-signed certificate',
  19: 'self-signed certificate in certificate chain',
  20: 'unable to get local issuer certificate',
  21: 'unable to verify the first certificate',
};

/** One callback call: the certificate at a depth, and the error it reports (none: the success call). */
export interface VerifyEvent {
  depth: number;
  cert: Certificate;
  error?: number;
}

const sameName = (a: Certificate['subject'], b: Certificate['subject']) => formatName(a) === formatName(b);

/** The callback calls OpenSSL makes for this chain against these trusted certificates. */
export function verifyEvents(chain: Certificate[], trusted: Certificate[], now: number): VerifyEvent[] {
  const path: Certificate[] = [chain[0]];
  let pending: VerifyEvent[] = [];
  for (;;) {
    const cur = path[path.length - 1];
    const anchor = trusted.find((t) => sameName(t.subject, cur.issuer));
    if (anchor) {
      // A trusted self-signed certificate is its own anchor.
      if (!sameName(cur.subject, cur.issuer)) path.push(anchor);
      break;
    }
    if (sameName(cur.subject, cur.issuer)) {
      const depth = path.length - 1;
      pending = [{ depth, cert: cur, error: depth === 0 ? 18 : 19 }];
      break;
    }
    const next = chain.find((c) => c !== cur && sameName(c.subject, cur.issuer) && !path.includes(c));
    if (!next) {
      const depth = path.length - 1;
      pending = [{ depth, cert: cur, error: 20 }];
      if (depth === 0) pending.push({ depth, cert: cur, error: 21 });
      break;
    }
    path.push(next);
  }
  const events = [...pending];
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const cert = path[depth];
    if (now > cert.notAfter) events.push({ depth, cert, error: 10 });
    events.push({ depth, cert });
  }
  return events;
}

/** The result code: the last error reported, else 0. */
export function verifyResult(events: VerifyEvent[]): number {
  return [...events].reverse().find((e) => e.error !== undefined)?.error ?? 0;
}

/** The callback's lines for one call (`quiet`: -brief prints only the errors, without `verify return`). */
export function verifyLines(e: VerifyEvent, brief: boolean): string {
  if (brief && e.error === undefined) return '';
  let out = `depth=${e.depth} ${formatName(e.cert.subject)}\n`;
  if (e.error !== undefined) {
    out += `verify error:num=${e.error}:${VERIFY_TEXT[e.error]}\n`;
    if (e.error === 10) out += `notAfter=${formatTime(e.cert.notAfter)}\n`;
  }
  return brief ? out : `${out}verify return:1\n`;
}
