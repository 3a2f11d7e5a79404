/**
 * `openssl` (OpenSSL 3.0.2 as on Ubuntu 22.04) over the simulated PEM files: a table of
 * subcommands, each in its own file. Digest names work as commands too (`openssl sha256 f`).
 */
import type { CommandContext, Program } from '../../shell/command';
import { dgst } from './dgst';
import { isDigestName } from './digests';
import { HELP_TEXT, USAGE } from './help-text';
import { genrsa, pkey, rsa } from './keys';
import { parseOpts } from './opts';
import { rand } from './rand';
import { req } from './req';
import { sClient } from './s-client';
import { verify } from './verify';
import { x509 } from './x509';
import { BrokenPipe } from '../../shell/exec/streams';

type Subcommand = (ctx: CommandContext, args: string[]) => Promise<number>;

const VERSION_LINE = 'OpenSSL 3.0.2 15 Mar 2022 (Library: OpenSSL 3.0.2 15 Mar 2022)';

async function version(ctx: CommandContext, args: string[]): Promise<number> {
  const o = parseOpts(ctx, 'version', args, { a: 'flag', v: 'flag', b: 'flag', o: 'flag', f: 'flag', p: 'flag', d: 'flag', e: 'flag', m: 'flag', r: 'flag', c: 'flag', help: 'flag' });
  if (typeof o === 'number') return o;
  let out = `${VERSION_LINE}\n`;
  if (o.has('a')) {
    out +=
      'built on: Wed Jan 31 18:08:48 2024 UTC\nplatform: debian-amd64\noptions:  bn(64,64)\n' +
      'compiler: gcc -fPIC -pthread -m64 -Wa,--noexecstack -Wall -Wa,--noexecstack -g -O2 -ffile-prefix-map=/build/openssl-Z4ne4i/openssl-3.0.2=. -flto=auto -ffat-lto-objects -flto=auto -ffat-lto-objects -fstack-protector-strong -Wformat -Werror=format-security -DOPENSSL_TLS_SECURITY_LEVEL=2 -DOPENSSL_USE_NODELETE -DL_ENDIAN -DOPENSSL_PIC -DOPENSSL_BUILDING_OPENSSL -DNDEBUG -Wdate-time -D_FORTIFY_SOURCE=2\n' +
      'OPENSSLDIR: "/usr/lib/ssl"\nENGINESDIR: "/usr/lib/x86_64-linux-gnu/engines-3"\nMODULESDIR: "/usr/lib/x86_64-linux-gnu/ossl-modules"\nSeeding source: os-specific\nCPUINFO: OPENSSL_ia32cap=0xfffa3203578bffff:0x7a9\n';
  } else if (o.has('d')) out = 'OPENSSLDIR: "/usr/lib/ssl"\n';
  ctx.stdout.write(out);
  return 0;
}

/** `openssl help` lists the commands; `openssl help x509` is `openssl x509 -help`. */
async function help(ctx: CommandContext, args: string[]): Promise<number> {
  ctx.stderr.write(args[0] !== undefined && USAGE[args[0]] ? USAGE[args[0]] : HELP_TEXT);
  return 0;
}

export const SUBCOMMANDS: Record<string, Subcommand> = { x509, req, verify, genrsa, rsa, pkey, dgst, rand, version, help, s_client: sClient };

export const openssl: Program = async (ctx) => {
  const [name, ...args] = ctx.argv.slice(1);
  if (name === undefined) return 0; // interactive mode on a closed stdin: nothing to do
  const sub = SUBCOMMANDS[name] ?? (isDigestName(name) ? (c: CommandContext, a: string[]) => dgst(c, [`-${name}`, ...a]) : undefined);
  if (!sub) {
    ctx.stderr.write(`Invalid command '${name}'; type "help" for a list.\n`);
    return 1;
  }
  if (USAGE[name] && args.some((a) => a === '-help' || a === '--help')) {
    ctx.stderr.write(USAGE[name]);
    return 0;
  }
  try {
    return await sub(ctx, args);
  } catch (e) {
    // The reader of our pipe went away (`openssl rand -hex 99999 | head`): SIGPIPE, no message.
    if (e instanceof BrokenPipe) throw e;
    ctx.stderr.write(`${name}: internal error\n`);
    return 1;
  }
};
