/**
 * wget (GNU Wget 1.14 on CentOS 7, 1.21 on jammy): downloads a URL from the simulated network into
 * a file (-O FILE, -O - for stdout, -P DIR, or the URL's last path segment, with .1, .2 … when the
 * name is taken), printing the progress report real wget writes on stderr (-q silences it).
 * Exit statuses: 4 network failure, 8 server error response, 3 file I/O error.
 */
import type { CommandContext, Program } from '../shell/command';
import { getNetwork } from '../shell/commands/lib/system';
import { strftime } from '../shell/commands/lib/time';
import { parseArgv, UsageError, type OptionSpec, type ParsedArgs } from '../shell/commands/lib/args';
import { CONNECT_GIVE_UP_MS } from '../shell/commands/lib/curl-run';

interface Opts {
  output?: string;
  prefix?: string;
  quiet: boolean;
  urls: string[];
  /** -T/--timeout and --connect-timeout: seconds before a connection nothing answers is given up. */
  connectTimeoutSec?: number;
  /** -t/--tries: attempts on a connection that fails (0 or inf: no limit). */
  tries: number;
}

const b = (short: string | undefined, long: string): OptionSpec => ({ short, long, key: long, arg: 'none' });
const v = (short: string | undefined, long: string): OptionSpec => ({ short, long, key: long, arg: 'required' });

/** GNU Wget's options (getopt_long: clusters such as -qO-, abbreviations, --opt=value). */
const SPECS: OptionSpec[] = [
  b('V', 'version'), b('h', 'help'), b('b', 'background'), v('e', 'execute'),
  v('o', 'output-file'), v('a', 'append-output'), b('d', 'debug'), b('q', 'quiet'), b('v', 'verbose'), b(undefined, 'no-verbose'),
  v('i', 'input-file'), b('F', 'force-html'), v('B', 'base'), v(undefined, 'config'),
  v('t', 'tries'), b(undefined, 'retry-connrefused'), v('O', 'output-document'), b(undefined, 'no-clobber'), b('c', 'continue'),
  v(undefined, 'progress'), b(undefined, 'show-progress'), b('N', 'timestamping'), b('S', 'server-response'), b(undefined, 'spider'),
  v('T', 'timeout'), v(undefined, 'dns-timeout'), v(undefined, 'connect-timeout'), v(undefined, 'read-timeout'),
  v('w', 'wait'), v(undefined, 'waitretry'), b(undefined, 'random-wait'), b(undefined, 'no-proxy'), v('Q', 'quota'),
  v(undefined, 'bind-address'), v(undefined, 'limit-rate'), b(undefined, 'no-dns-cache'), v(undefined, 'restrict-file-names'),
  b('4', 'inet4-only'), b('6', 'inet6-only'), v(undefined, 'user'), v(undefined, 'password'), b(undefined, 'ask-password'),
  b(undefined, 'no-directories'), b('x', 'force-directories'), b(undefined, 'no-host-directories'), v('P', 'directory-prefix'),
  v(undefined, 'cut-dirs'), v(undefined, 'http-user'), v(undefined, 'http-password'), b(undefined, 'no-cache'),
  v(undefined, 'default-page'), b('E', 'adjust-extension'), b(undefined, 'ignore-length'), v(undefined, 'header'),
  v(undefined, 'max-redirect'), v(undefined, 'referer'), b(undefined, 'save-headers'), v('U', 'user-agent'),
  b(undefined, 'no-http-keep-alive'), b(undefined, 'no-cookies'), v(undefined, 'load-cookies'), v(undefined, 'save-cookies'),
  v(undefined, 'post-data'), v(undefined, 'post-file'), v(undefined, 'method'), v(undefined, 'body-data'), v(undefined, 'body-file'),
  b(undefined, 'content-disposition'), b(undefined, 'auth-no-challenge'), v(undefined, 'secure-protocol'), b(undefined, 'https-only'),
  b(undefined, 'no-check-certificate'), v(undefined, 'certificate'), v(undefined, 'ca-certificate'), v(undefined, 'ca-directory'),
  b('r', 'recursive'), v('l', 'level'), b(undefined, 'delete-after'), b('k', 'convert-links'), b('K', 'backup-converted'),
  b('m', 'mirror'), b('p', 'page-requisites'), v('A', 'accept'), v('R', 'reject'), v('D', 'domains'),
  // -nv, -nc, -nd, -nH: wget reads -n as an option whose argument picks one of these.
  v('n', 'n-option'),
];

const USAGE_TAIL = "Usage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.";

function seconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function parse(argv: string[]): Opts | string {
  let p: ParsedArgs;
  try {
    p = parseArgv('wget', argv, SPECS, { usageStatus: 2, tryLine: USAGE_TAIL });
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  const n = p.all('n-option');
  const tries = p.last('tries');
  return {
    output: p.last('output-document'),
    prefix: p.last('directory-prefix'),
    quiet: p.has('quiet') || p.has('no-verbose') || n.includes('v'),
    urls: p.operands,
    connectTimeoutSec: seconds(p.last('connect-timeout') ?? p.last('timeout')),
    tries: tries === undefined ? 20 : tries === 'inf' ? 0 : Number(tries) || 0,
  };
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
  if (typeof o === 'string') {
    ctx.stderr.write(o);
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
    // wget shows the URL as it understood it: the path '/' made explicit.
    const shown = `${scheme}://${host}${port ? `:${port}` : ''}${path}${url.slice(m[0].length)}`;
    say(`--${stamp()}--  ${shown}\n`);
    const net = getNetwork();
    const addr = net.resolve(ctx, host);
    const literal = /^\d+\.\d+\.\d+\.\d+$/.test(host);
    if (!addr) {
      say(`Resolving ${host} (${host})... failed: Name or service not known.\n`);
      ctx.stderr.write(`wget: unable to resolve host address ‘${host}’\n`);
      status = 4;
      continue;
    }
    const p = port ?? (scheme === 'https' ? '443' : '80');
    if (!literal) say(`Resolving ${host} (${host})... ${addr}\n`);
    const connecting = literal ? `Connecting to ${host}:${p}... ` : `Connecting to ${host} (${host})|${addr}|:${p}... `;
    say(connecting);
    let r = net.http?.(ctx, { method: 'GET', url, headers: {} });
    // A connection nothing answers: each try waits out the timeout (or TCP's give-up), then
    // wget retries, waiting 1 s more before each retry up to --waitretry's 10 s, until --tries.
    for (let attempt = 1; r && 'error' in r && r.error === 'timeout'; attempt++) {
      const limit = o.connectTimeoutSec && o.connectTimeoutSec > 0 ? Math.min(o.connectTimeoutSec * 1000, CONNECT_GIVE_UP_MS) : CONNECT_GIVE_UP_MS;
      await ctx.clock.sleep(limit, ctx.signal);
      if (ctx.signal.aborted) return 130;
      say('failed: Connection timed out.\n');
      if (o.tries !== 0 && attempt >= o.tries) break;
      say('Retrying.\n\n');
      await ctx.clock.sleep(Math.min(attempt, 10) * 1000, ctx.signal);
      if (ctx.signal.aborted) return 130;
      say(`--${stamp()}--  (try:${String(attempt + 1).padStart(2)})  ${shown}\n${connecting}`);
      r = net.http?.(ctx, { method: 'GET', url, headers: {} });
    }
    if (r && 'error' in r && r.error === 'timeout') {
      say('Giving up.\n\n');
      status = 4;
      continue;
    }
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
    const type = (Object.entries(r.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/octet-stream').split(';')[0];
    // The human-readable size only from 1 KiB up, as wget prints it.
    say(`Length: ${size}${size >= 1024 ? ` (${human(size)})` : ''} [${type}]\n`);
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
