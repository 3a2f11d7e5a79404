/**
 * wget (GNU Wget 1.14 on CentOS 7, 1.21 on jammy): downloads a URL from the simulated network into
 * a file (-O FILE, -O - for stdout, -P DIR, or the URL's last path segment, with .1, .2 … when the
 * name is taken), printing the progress report real wget writes on stderr (-q silences it).
 * Exit statuses: 4 network failure, 8 server error response, 3 file I/O error.
 */
import type { CommandContext, Program } from '../shell/command';
import { getNetwork } from '../shell/commands/lib/system';
import { strftime } from '../shell/commands/lib/time';

interface Opts {
  output?: string;
  prefix?: string;
  quiet: boolean;
  urls: string[];
  bad?: string;
}

function parse(argv: string[]): Opts {
  const o: Opts = { quiet: false, urls: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-O' || a === '--output-document') o.output = argv[++i];
    else if (a.startsWith('--output-document=')) o.output = a.slice(18);
    else if (a === '-P' || a === '--directory-prefix') o.prefix = argv[++i];
    else if (a.startsWith('--directory-prefix=')) o.prefix = a.slice(19);
    else if (a === '-q' || a === '--quiet' || a === '-nv' || a === '--no-verbose') o.quiet = true;
    else if (/^-[qcNv]*O$/.test(a)) {
      if (a.includes('q')) o.quiet = true;
      o.output = argv[++i];
    } else if (/^-[qcN]+$/.test(a)) {
      if (a.includes('q')) o.quiet = true;
    } else if (/^-O./.test(a)) o.output = a.slice(2);
    else if (a === '--no-check-certificate' || a === '-c' || a === '--continue' || a === '-N' || a.startsWith('--timeout') || a.startsWith('--tries') || a === '--show-progress') continue;
    else if (a.startsWith('-') && a !== '-') {
      o.bad = a;
      return o;
    } else o.urls.push(a);
  }
  return o;
}

function absolute(ctx: CommandContext, path: string): string {
  return path.startsWith('/') ? path : `${ctx.cwd.replace(/\/$/, '')}/${path}`;
}

function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

function human(n: number): string {
  return n < 1024 ? `${n}` : n < 1048576 ? `${(n / 1024).toFixed(1)}K` : `${(n / 1048576).toFixed(1)}M`;
}

export const wget: Program = async (ctx) => {
  const o = parse(ctx.argv.slice(1));
  if (o.bad) {
    ctx.stderr.write(`wget: unrecognized option '${o.bad}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`);
    return 2;
  }
  if (!o.urls.length) {
    ctx.stderr.write(`wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`);
    return 1;
  }
  const say = (s: string) => !o.quiet && ctx.stderr.write(s);
  const stamp = () => strftime('%Y-%m-%d %H:%M:%S', ctx.clock.now());
  let status = 0;
  for (const raw of o.urls) {
    const url = /^[a-z]+:\/\//.test(raw) ? raw : `http://${raw}`;
    const m = /^(https?):\/\/([^/:]+)(?::(\d+))?(\/[^?#]*)?/.exec(url);
    if (!m) {
      ctx.stderr.write(`${raw}: Unsupported scheme.\n`);
      status = 1;
      continue;
    }
    const [, scheme, host, port, path = '/'] = m;
    say(`--${stamp()}--  ${url}\n`);
    const net = getNetwork();
    const addr = net.resolve(ctx, host);
    if (!addr) {
      say(`Resolving ${host} (${host})... failed: Name or service not known.\n`);
      ctx.stderr.write(`wget: unable to resolve host address ‘${host}’\n`);
      status = 4;
      continue;
    }
    const p = port ?? (scheme === 'https' ? '443' : '80');
    say(`Resolving ${host} (${host})... ${addr}\nConnecting to ${host} (${host})|${addr}|:${p}... `);
    const r = net.http?.(ctx, { method: 'GET', url, headers: {} });
    if (!r || 'error' in r) {
      say('failed: Connection refused.\n');
      status = 4;
      continue;
    }
    say(`connected.\nHTTP request sent, awaiting response... ${r.status} ${r.status === 200 ? 'OK' : 'Not Found'}\n`);
    if (r.status !== 200) {
      ctx.stderr.write(`${stamp()} ERROR ${r.status}: Not Found.\n\n`);
      status = 8;
      continue;
    }
    const size = r.body.length;
    const type = (r.headers['content-type'] ?? 'application/octet-stream').split(';')[0];
    say(`Length: ${size} (${human(size)}) [${type}]\n`);
    if (o.output === '-') {
      ctx.stdout.write(r.body);
      continue;
    }
    let name = o.output ?? (path.split('/').pop() || 'index.html');
    if (o.prefix && !o.output) name = `${o.prefix.replace(/\/$/, '')}/${name}`;
    let target = absolute(ctx, name);
    if (!o.output) for (let n = 1; ctx.fs.stat(target); n++) target = absolute(ctx, `${name}.${n}`), (name = `${name.replace(/\.\d+$/, '')}.${n}`);
    say(`Saving to: ‘${name}’\n\n`);
    try {
      ctx.fs.writeFile(target, r.body);
    } catch (e) {
      ctx.stderr.write(`${name}: ${(e as { code?: string }).code === 'ENOENT' ? 'No such file or directory' : 'Permission denied'}\n`);
      status = 3;
      continue;
    }
    say(`100%[${'='.repeat(37)}>] ${grouped(size).padEnd(11)} --.-K/s   in 0s      \n\n${stamp()} (42.1 MB/s) - ‘${name}’ saved [${size}/${size}]\n\n`);
  }
  return status;
};
