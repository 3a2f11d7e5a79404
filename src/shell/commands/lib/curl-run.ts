/**
 * curl's transfer, from the command line to what it prints (body, progress meter, -w, errors) and
 * its exit status, over a network the caller gives: a machine's (the node's shell) or a Pod's
 * (`kubectl exec … curl`, or a container whose command is curl).
 */
import { FsError } from '../../command';
import { errnoText } from './io';
import { CURL_TRY, parseCurlArgs, type CurlOptions } from './curl-args';
import { progressEnd, progressStart, responseHead, writeOut, type TransferFacts } from './curl-output';
import type { HttpRequest, HttpResponse } from './system';
import { handshakeFailure, NOT_TLS, prepareTls, type CurlFailure } from './curl-tls';
import { ToolOutput, type ToolRun } from './tool-run';

export interface CurlIo {
  /** Address for a host name, or null when it does not resolve. */
  resolve(host: string): string | null;
  http(req: HttpRequest): HttpResponse | { error: 'refused' | 'timeout' } | undefined;
  /** The simulated time (certificate validity). */
  now?: number;
  /** A file's text (for -d @FILE and -w @FILE); throws when it cannot be read. */
  readFile(path: string): string;
  /** Write -o FILE; throws an FsError when it cannot. */
  writeFile(path: string, text: string): void;
  /** Is stdout a terminal (the meter shows only when the body goes elsewhere)? */
  isTTY: boolean;
}

/** How long a SYN that nothing answers takes to fail on Linux (tcp_syn_retries = 6), as curl reports it. */
export const CONNECT_GIVE_UP_MS = 130_010;

export function parseUrl(raw: string): { scheme: string; host: string; port: number; path: string } | null {
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)?/i.exec(raw);
  if (!m) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

/** The file name -O uses: the last segment of the URL's path (no query). */
function remoteFileName(url: string): string {
  return (parseUrl(url)?.path ?? '').replace(/[?#].*$/, '').split('/').pop() ?? '';
}

export function curlRun(argv: readonly string[], io: CurlIo): ToolRun {
  const out = new ToolOutput();
  if (!argv.length) {
    out.err(CURL_TRY);
    return out.done(2);
  }
  const parsed = parseCurlArgs(argv);
  if ('error' in parsed) {
    out.err(parsed.error);
    return out.done(2);
  }
  const o = parsed.options;
  if (!o.urls.length) {
    out.err(`curl: no URL specified!\n${CURL_TRY}`);
    return out.done(2);
  }
  if (o.head && o.data.length) {
    out.err('Warning: You can only select one HTTP request method! You asked for both POST \nWarning: (-d, --data) and HEAD (-I, --head).\n');
    return out.done(2);
  }
  const showErrors = !o.silent || o.showError;
  let status = 0;
  for (let n = 0; n < o.urls.length; n++) {
    const url = o.urls[n];
    let output = o.outputs[n];
    if (output === undefined && (o.remoteNameAll || n < o.remoteNames)) {
      output = remoteFileName(url);
      if (!output) {
        if (showErrors) out.err(`curl: Remote file name has no length!\n${CURL_TRY}`);
        status = 23;
        continue;
      }
    }
    status = transfer(out, io, o, url, output, showErrors);
  }
  return out.done(status);
}


function transfer(out: ToolOutput, io: CurlIo, o: CurlOptions, url: string, output: string | undefined, showErrors: boolean): number {
  const meter = !o.silent && !o.noProgressMeter && (output !== undefined || !io.isTTY);
  const method = o.method ?? (o.head ? 'HEAD' : o.data.length && !o.get ? 'POST' : 'GET');
  const headers: Record<string, string> = {};
  for (const h of o.headers) {
    const colon = h.indexOf(':');
    if (colon > 0) headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
  }
  if (o.user !== undefined) headers.Authorization = `Basic ${btoa(o.user.includes(':') ? o.user : `${o.user}:`)}`;
  let body: string | undefined;
  if (o.data.length) {
    try {
      body = o.data.map((d) => (!d.raw && d.value.startsWith('@') ? io.readFile(d.value.slice(1)).replace(/[\r\n]/g, '') : d.value)).join('&');
    } catch {
      const file = o.data.find((d) => !d.raw && d.value.startsWith('@'))!.value.slice(1);
      if (showErrors) out.err(`Warning: Couldn't read data from file "${file}", this makes an empty \nWarning: POST.\n`);
      body = '';
    }
    if (o.get) {
      url += (url.includes('?') ? '&' : '?') + body;
      body = undefined;
    } else headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
  }
  const facts: TransferFacts = {
    url, status: 0, sizeDownload: 0, sizeHeader: 0, contentType: '', redirects: 0, redirectUrl: '', seconds: 0,
    remoteIp: '', remotePort: 0, method, exitCode: 0, errorMessage: '', scheme: parseUrl(url)?.scheme ?? '',
  };
  const finish = (failure: CurlFailure | null, received: number | null, started = true): number => {
    if (meter && started) out.err(progressEnd(received, facts.seconds));
    if (failure) {
      facts.exitCode = failure.code;
      facts.errorMessage = failure.message;
      if (showErrors) out.err(`curl: (${failure.code}) ${failure.message}\n${failure.after ?? ''}`);
    }
    if (o.writeOut !== undefined) {
      let format = o.writeOut;
      if (format.startsWith('@')) {
        try {
          format = format === '@-' ? '' : io.readFile(format.slice(1));
        } catch {
          format = '';
        }
      }
      for (const part of writeOut(format, facts)) part.stream === 'stdout' ? out.out(part.text) : out.err(part.text);
    }
    return failure?.code ?? 0;
  };

  let text = '';
  for (;;) {
    const u = /^[a-z][a-z0-9+.-]*:\/\/(?:[/?#:]|$)/i.test(facts.url) ? null : parseUrl(facts.url);
    if (!u || !u.host) return finish({ code: 3, message: 'URL using bad/illegal format or missing URL' }, null, false);
    if (u.scheme !== 'http' && u.scheme !== 'https') return finish({ code: 1, message: `Protocol "${u.scheme}" not supported or disabled in libcurl` }, null, false);
    if (meter && facts.redirects === 0) out.err(progressStart());
    const addr = io.resolve(u.host);
    if (!addr) return finish({ code: 6, message: `Could not resolve host: ${u.host}` }, null);
    // TLS files are loaded before the handshake, but their failure shows only once the connection is made.
    const tls = u.scheme === 'https' ? prepareTls(o, io.readFile) : undefined;
    const clientCert = tls && 'trusted' in tls ? tls.clientCert : undefined;
    let res = io.http({ method, url: facts.url, headers, body, ...(clientCert ? { clientCert } : {}) });
    if (!res || 'error' in res) {
      if (res?.error === 'timeout') {
        // Nothing answers the SYN: the first limit to run out ends the transfer.
        const limits = [o.connectTimeout, o.maxTime].filter((t): t is number => t !== undefined);
        if (limits.length) {
          const ms = Math.round(Math.min(...limits) * 1000);
          out.wait(ms);
          facts.seconds += ms / 1000;
          const byMaxTime = o.maxTime !== undefined && o.maxTime * 1000 <= ms;
          return finish({ code: 28, message: byMaxTime ? `Connection timed out after ${ms + 1} milliseconds` : `Connection timeout after ${ms + 1} ms` }, null);
        }
        out.wait(CONNECT_GIVE_UP_MS);
        facts.seconds += CONNECT_GIVE_UP_MS / 1000;
        return finish({ code: 28, message: `Failed to connect to ${u.host} port ${u.port} after ${CONNECT_GIVE_UP_MS} ms: Connection timed out` }, null);
      }
      return finish({ code: 7, message: `Failed to connect to ${u.host} port ${u.port} after 0 ms: Connection refused` }, null);
    }
    if (u.scheme === 'https' && res.tls !== undefined) {
      if (res.tls === 'plain') return finish(NOT_TLS, null);
      if (tls && 'code' in tls) return finish(tls, null);
      const failure = handshakeFailure(o, res.tls, u.host, tls?.trusted ?? [], clientCert !== undefined, io.now ?? Date.now());
      if (failure) return finish(failure, null);
    } else if (u.scheme === 'http' && res.tls !== undefined && res.tls !== 'plain') {
      // Go's TLS server answers a plain request with a bare HTTP/1.0 error (net/http's server.go).
      const text = 'Client sent an HTTP request to an HTTPS server.\n';
      res = { status: 400, headers: {}, body: text, protocol: 'HTTP/1.0' };
    }
    facts.remoteIp = addr;
    facts.remotePort = u.port;
    facts.status = res.status;
    facts.seconds += 0.004;
    const contentType = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'content-type');
    facts.contentType = contentType?.[1] ?? '';
    const location = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'location')?.[1];
    const head = responseHead(res.status, res.headers, res.protocol);
    facts.sizeHeader += head.length;
    if (o.include || o.head) text += head;
    if (location && res.status >= 300 && res.status < 400) {
      facts.redirectUrl = new URL(location, facts.url).href;
      if (o.location) {
        if (facts.redirects >= o.maxRedirs) return finish({ code: 47, message: `Maximum (${o.maxRedirs}) redirects followed` }, null);
        facts.redirects++;
        facts.url = facts.redirectUrl;
        facts.redirectUrl = '';
        continue;
      }
    }
    if (o.fail && res.status >= 400) return finish({ code: 22, message: `The requested URL returned error: ${res.status}` }, 0);
    if (!o.head) text += res.body;
    facts.sizeDownload = o.head ? 0 : res.body.length;
    break;
  }
  if (output !== undefined && output !== '-') {
    try {
      io.writeFile(output, text);
    } catch (e) {
      const why = e instanceof FsError ? errnoText(e.code) : String(e);
      if (showErrors) out.err(`Warning: Failed to create the file ${output}: ${why}\n`);
      return finish({ code: 23, message: `Failed writing body (0 != ${text.length})` }, 0);
    }
  } else out.out(text);
  return finish(null, text.length);
}
