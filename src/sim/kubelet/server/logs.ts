/**
 * /logs/: the machine's /var/log served by the kubelet (enableSystemLogHandler, the default):
 * http.StripPrefix("/logs/", http.FileServer(http.Dir("/var/log/"))). A directory is Go's listing
 * (sorted names, directories with a trailing slash), a file its bytes; a missing path is
 * "404 page not found", an unreadable one "403 Forbidden" (net/http fs.go).
 */
import type { FsView } from '../../machine';
import type { KubeletHttpResponse } from '../../apiserver/server';

const LOG_DIR = '/var/log';

export const notFound = (): KubeletHttpResponse => ({ code: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n' });

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

/** url.URL{Path: name}.String() of a relative name: unsafe bytes %-escaped, a colon in it guarded by "./". */
function href(name: string): string {
  const escaped = [...new TextEncoder().encode(name)]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  const first = escaped.split('/')[0];
  return first.includes(':') ? `./${escaped}` : escaped;
}

function dirListing(fs: FsView, dir: string): string {
  let out = '<!doctype html>\n<meta name="viewport" content="width=device-width">\n<pre>\n';
  for (const name of fs.readdir(dir)) {
    const shown = fs.stat(`${dir}/${name}`)?.type === 'dir' ? `${name}/` : name;
    out += `<a href="${href(shown)}">${html(shown)}</a>\n`;
  }
  return `${out}</pre>\n`;
}

/** GET /logs/<rest> ("logs/…" without the leading slash, as the proxy passes it). */
export function serveLogs(fs: FsView, path: string): KubeletHttpResponse {
  // StripPrefix("/logs/"): "/logs" itself does not have the prefix.
  if (!path.startsWith('logs/')) return notFound();
  // path.Clean of "/" + the rest: "." and ".." never leave /var/log.
  const parts: string[] = [];
  for (const seg of path.slice('logs/'.length).split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  const target = [LOG_DIR, ...parts].join('/');
  const st = fs.stat(target);
  if (!st) return notFound();
  try {
    if (st.type === 'dir') {
      // An index.html in the directory is served instead of the listing.
      const index = fs.stat(`${target}/index.html`);
      if (index && index.type !== 'dir') return { code: 200, contentType: 'text/html; charset=utf-8', body: fs.readFile(`${target}/index.html`) };
      return { code: 200, contentType: 'text/html; charset=utf-8', body: dirListing(fs, target) };
    }
    return { code: 200, contentType: 'text/plain; charset=utf-8', body: fs.readFile(target) };
  } catch {
    return { code: 403, contentType: 'text/plain; charset=utf-8', body: '403 Forbidden\n' };
  }
}
