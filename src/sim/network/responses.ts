import { componentAnswer } from './component-responses';

/** What the servers of well-known images answer over HTTP (bodies exactly as they ship). */
export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export const NGINX_VERSION = '1.29.1';

/** The release each nginx tag of the catalogue holds (a minor line's last patch; stable, latest, mainline). */
const NGINX_TAG_VERSIONS: Record<string, string> = {
  '1.29': '1.29.1', '1.28': '1.28.0', '1.27': '1.27.5', '1.26': '1.26.3', '1.25': '1.25.5', '1.23': '1.23.4', '1.21': '1.21.6', '1.19': '1.19.10',
  stable: '1.28.0', mainline: NGINX_VERSION, latest: NGINX_VERSION, alpine: NGINX_VERSION, perl: NGINX_VERSION,
};

/** The nginx release an image reference runs (`nginx:1.27` → 1.27.5), what its Server header and `nginx -v` say. */
export function nginxVersionOf(image: string | undefined): string {
  const m = /:([^/:@]+)(?:@.*)?$/.exec(image ?? '');
  const tag = (m?.[1] ?? 'latest').replace(/-alpine.*$|-perl$/, '');
  if (/^\d+\.\d+\.\d+$/.test(tag)) return tag;
  return NGINX_TAG_VERSIONS[tag] ?? NGINX_VERSION;
}

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const nginx404 = (version: string) => `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;

function response(status: number, statusText: string, server: string, body: string, type = 'text/html', dateText = ''): HttpResponse {
  const headers: Record<string, string> = { Server: server, Date: dateText, 'Content-Type': type, 'Content-Length': String(new TextEncoder().encode(body).length), Connection: 'keep-alive' };
  if (!server) delete headers.Server;
  return { status, statusText, headers, body };
}

/** The answer of a server kind to GET path. `date` is the HTTP date of the simulated now. */
export function serve(kind: string, path: string, date: string, context: { hostname: string; image?: string }): HttpResponse {
  const clean = path.split('?')[0] || '/';
  switch (kind) {
    case 'nginx':
      if (clean === '/' || clean === '/index.html') {
        const r = response(200, 'OK', `nginx/${nginxVersionOf(context.image)}`, NGINX_WELCOME, 'text/html', date);
        r.headers['Last-Modified'] = 'Wed, 13 Aug 2025 15:10:23 GMT';
        r.headers.ETag = '"689ca9ff-267"';
        r.headers['Accept-Ranges'] = 'bytes';
        return r;
      }
      return response(404, 'Not Found', `nginx/${nginxVersionOf(context.image)}`, nginx404(nginxVersionOf(context.image)), 'text/html', date);
    case 'httpd':
      if (clean === '/' || clean === '/index.html') return response(200, 'OK', 'Apache/2.4.65 (Unix)', '<html><body><h1>It works!</h1></body></html>\n', 'text/html', date);
      return response(404, 'Not Found', 'Apache/2.4.65 (Unix)', `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`, 'text/html; charset=iso-8859-1', date);
    case 'hello-app':
      return response(200, 'OK', '', `Hello, world!\nVersion: 1.0.0\nHostname: ${context.hostname}\n`, 'text/plain; charset=utf-8', date);
    default:
      return componentAnswer(kind, path, date) ?? response(200, 'OK', '', 'ok', 'text/plain; charset=utf-8', date);
  }
}

/** RFC 7231 date: "Thu, 15 Jan 2026 08:00:00 GMT". */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
