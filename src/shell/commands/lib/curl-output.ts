/** What curl prints besides the body: the progress meter (tool_progress/progress.c) and -w (tool_writeout.c). */

const KB = 1024;
const MB = 1024 * KB;

/** curl's max5data: a byte count in at most 5 columns. */
export function fiveColumns(bytes: number): string {
  if (bytes < 100000) return String(bytes).padStart(5);
  if (bytes < 10000 * KB) return `${Math.floor(bytes / KB)}k`.padStart(5);
  if (bytes < 100 * MB) return `${Math.floor(bytes / MB)}.${Math.floor((bytes % MB) / (MB / 10))}M`.padStart(5);
  if (bytes < 10000 * MB) return `${Math.floor(bytes / MB)}M`.padStart(5);
  return `${Math.floor(bytes / (1024 * MB))}G`.padStart(5);
}

export const PROGRESS_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

function progressLine(total: number, received: number, speed: number): string {
  const pct = total > 0 ? Math.floor((received * 100) / total) : 0;
  const t = '--:--:--';
  return `\r${String(pct).padStart(3)} ${fiveColumns(total)}  ${String(pct).padStart(3)} ${fiveColumns(received)}    0     0  ${fiveColumns(speed)}      0 ${t} ${t} ${t} ${fiveColumns(speed)}`;
}

/** The meter as a transfer starts: the header and the first line (before any body is written). */
export function progressStart(): string {
  return PROGRESS_HEADER + progressLine(0, 0, 0);
}

/** The meter's last line when the transfer ends (no bytes when it failed). */
export function progressEnd(bytes: number | null, seconds: number): string {
  return (bytes === null ? progressLine(0, 0, 0) : progressLine(bytes, bytes, Math.round(bytes / Math.max(seconds, 0.001)))) + '\n';
}

export interface TransferFacts {
  url: string;
  status: number;
  sizeDownload: number;
  sizeHeader: number;
  contentType: string;
  redirects: number;
  redirectUrl: string;
  seconds: number;
  remoteIp: string;
  remotePort: number;
  method: string;
  exitCode: number;
  errorMessage: string;
  scheme: string;
}

type Variable = (f: TransferFacts) => string;
const seconds: Variable = (f) => f.seconds.toFixed(6);
const VARIABLES: Record<string, Variable> = {
  http_code: (f) => String(f.status).padStart(3, '0'),
  response_code: (f) => String(f.status).padStart(3, '0'),
  size_download: (f) => String(f.sizeDownload),
  size_header: (f) => String(f.sizeHeader),
  size_upload: () => '0',
  size_request: () => '0',
  url_effective: (f) => f.url,
  url: (f) => f.url,
  content_type: (f) => f.contentType,
  num_redirects: (f) => String(f.redirects),
  redirect_url: (f) => f.redirectUrl,
  remote_ip: (f) => f.remoteIp,
  remote_port: (f) => (f.remoteIp ? String(f.remotePort) : '0'),
  local_ip: () => '',
  method: (f) => f.method,
  exitcode: (f) => String(f.exitCode),
  errormsg: (f) => f.errorMessage,
  scheme: (f) => f.scheme.toUpperCase(),
  http_version: (f) => (f.status ? '1.1' : '0'),
  speed_download: (f) => String(Math.round(f.sizeDownload / Math.max(f.seconds, 0.001))),
  speed_upload: () => '0',
  time_total: seconds,
  time_namelookup: (f) => (f.seconds / 10).toFixed(6),
  time_connect: (f) => (f.seconds / 5).toFixed(6),
  time_appconnect: () => '0.000000',
  time_pretransfer: (f) => (f.seconds / 5).toFixed(6),
  time_starttransfer: (f) => (f.seconds * 0.9).toFixed(6),
  time_redirect: () => '0.000000',
};

/**
 * Expands a -w format: %{name}, %% and the escapes \n \r \t. Unknown names are dropped with curl's
 * warning. %{stderr} / %{stdout} switch the stream the rest goes to.
 */
export function writeOut(format: string, facts: TransferFacts): Array<{ stream: 'stdout' | 'stderr'; text: string }> {
  const parts: Array<{ stream: 'stdout' | 'stderr'; text: string }> = [];
  let stream: 'stdout' | 'stderr' = 'stdout';
  let text = '';
  const flush = () => {
    if (text) parts.push({ stream, text });
    text = '';
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '%' && format[i + 1] === '%') {
      text += '%';
      i++;
    } else if (c === '%' && format[i + 1] === '{') {
      const end = format.indexOf('}', i);
      if (end < 0) {
        text += format.slice(i);
        break;
      }
      const name = format.slice(i + 2, end);
      i = end;
      if (name === 'stdout' || name === 'stderr') {
        flush();
        stream = name;
      } else if (VARIABLES[name]) text += VARIABLES[name](facts);
      else {
        flush();
        parts.push({ stream: 'stderr', text: `curl: unknown --write-out variable: '${name}'\n` });
      }
    } else if (c === '\\' && /[nrt]/.test(format[i + 1] ?? '')) {
      text += { n: '\n', r: '\r', t: '\t' }[format[++i] as 'n' | 'r' | 't'];
    } else text += c;
  }
  flush();
  return parts;
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other',
  304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** The response head as -i / -I print it (CRLF line ends, a blank line after). */
export function responseHead(status: number, headers: Record<string, string>, protocol = 'HTTP/1.1'): string {
  const reason = REASONS[status];
  return `${protocol} ${status}${reason ? ` ${reason}` : ''}\r\n` + Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
}
