/**
 * `openssl s_client` (OpenSSL 3.0): connects through the machine's network to a server of the
 * simulated cluster (s-client-servers.ts), reports the chain it presents as OpenSSL's verify
 * callback does, prints the session, then copies stdin to the connection until EOF and says DONE.
 *
 * Streams as the real program uses them: the session on stdout, which C stdio buffers when it is
 * not a terminal (flushed after the session and at exit, so `2>&1 | …` shows the verify lines
 * first); the verify lines, DONE and errors on stderr, unbuffered.
 */
import type { CommandContext } from '../../shell/command';
import { getNetwork } from '../../shell/commands/lib/system';
import { CONNECT_GIVE_UP_MS } from '../../shell/commands/lib/curl-run';
import type { Certificate } from '../../sim/pki/cert';
import type { Machine } from '../../sim/machine/machine';
import type { World } from '../../sim/world';
import { decodePrivateKey } from '../../sim/pki/key';
import { ERR_PREFIX, loadInput } from './io';
import { parseOpts } from './opts';
import { randomBytes } from './rand';
import { briefText, sessionText, ticketText } from './s-client-layout';
import { landOn, type Landing } from './s-client-servers';
import { certificatesIn } from '../../sim/pki/cert';
import { verifyEvents, verifyLines, verifyResult } from './s-client-verify';

const OPTS = {
  connect: 'value', servername: 'value', noservername: 'flag', showcerts: 'flag', CAfile: 'value', CApath: 'value', 'no-CAfile': 'flag', 'no-CApath': 'flag',
  cert: 'value', key: 'value', brief: 'flag', quiet: 'flag', verify_return_error: 'flag', verify: 'value', ign_eof: 'flag', no_ign_eof: 'flag', tls1_2: 'flag', tls1_3: 'flag', help: 'flag',
} as const;

/** s_client's default port when -connect names none (apps/s_client.c PORT). */
const DEFAULT_PORT = 4433;

const connectError = (errno: number, reason: string, code: string) =>
  `${ERR_PREFIX}:error:${code}:system library:BIO_connect:${reason}:../crypto/bio/bio_sock2.c:117:calling connect()\n` +
  `${ERR_PREFIX}:error:10000067:BIO routines:BIO_connect:connect error:../crypto/bio/bio_sock2.c:119:\nconnect:errno=${errno}\n`;

/** stdout as C stdio treats it: line by line on a terminal, else held until a flush. */
class StdoutBuffer {
  private held = '';
  constructor(private readonly ctx: CommandContext) {}
  write(text: string): void {
    if (this.ctx.isTTY) this.ctx.stdout.write(text);
    else this.held += text;
  }
  flush(): void {
    if (this.held) this.ctx.stdout.write(this.held);
    this.held = '';
  }
}

/** The machine at an address, as the connection reaches it (loopback: this machine). */
function machineAt(ctx: CommandContext, ip: string): Machine | undefined {
  if (ip.startsWith('127.')) return ctx.machine as Machine;
  const world = ctx.world as World | undefined;
  return world ? [...world.machines.values()].find((m) => m.ip === ip) : undefined;
}

async function connect(ctx: CommandContext, ip: string, port: number): Promise<Landing | 'timeout'> {
  const machine = machineAt(ctx, ip);
  // A rule that drops the packets (a firewall) shows as a timeout; otherwise the listeners decide.
  const reach = ip.startsWith('127.') ? 'open' : (getNetwork().tcp?.(ctx, ip, port) ?? 'refused');
  if (reach === 'timeout') return 'timeout';
  if (machine) return landOn(ctx, machine, ip, port);
  // A Pod or a Service: nothing there is modelled as a TLS server.
  return reach === 'open' ? { kind: 'plain' } : { kind: 'refused' };
}

/** -CAfile's certificates, or undefined after OpenSSL's error lines. */
function loadCAfile(ctx: CommandContext, path: string): Certificate[] | undefined {
  try {
    return certificatesIn(ctx.fs.readFile(path));
  } catch {
    ctx.stderr.write(
      `${ERR_PREFIX}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${path}, r)\n` +
        `${ERR_PREFIX}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n` +
        `${ERR_PREFIX}:error:05880002:x509 certificate routines:X509_load_cert_crl_file_ex:system lib:../crypto/x509/by_file.c:229:\n`,
    );
    return undefined;
  }
}

/** -cert (and -key, by default the same file): true when both load. */
async function loadClientCert(ctx: CommandContext, cert: string, key: string): Promise<boolean> {
  const c = await loadInput(ctx, cert, 'client certificate');
  if (!c) return false;
  const k = await loadInput(ctx, key, 'client certificate private key');
  return !!k && !!decodePrivateKey(k.text);
}

export async function sClient(ctx: CommandContext, args: string[]): Promise<number> {
  const o = parseOpts(ctx, 's_client', args, OPTS);
  if (typeof o === 'number') return o;
  const target = o.get('connect') ?? 'localhost';
  const colon = target.lastIndexOf(':');
  const host = colon >= 0 ? target.slice(0, colon) : target;
  const port = colon >= 0 ? Number(target.slice(colon + 1)) : DEFAULT_PORT;
  const trusted = o.get('CAfile') !== undefined ? loadCAfile(ctx, o.get('CAfile')!) : [];
  if (!trusted) return 1;
  const certFile = o.get('cert');
  if (certFile !== undefined && !(await loadClientCert(ctx, certFile, o.get('key') ?? certFile))) return 1;

  const ip = getNetwork().resolve(ctx, host);
  if (!ip) {
    ctx.stderr.write(`${ERR_PREFIX}:error:10080002:BIO routines:BIO_lookup_ex:system lib:../crypto/bio/bio_addr.c:746:Name or service not known\nconnect:errno=0\n`);
    return 1;
  }
  const landing = await connect(ctx, ip, port);
  if (landing === 'timeout') {
    await ctx.clock.sleep(CONNECT_GIVE_UP_MS, ctx.signal);
    if (ctx.signal.aborted) return 130;
    ctx.stderr.write(connectError(110, 'Connection timed out', '8000006E'));
    return 1;
  }
  if (landing.kind === 'refused') {
    ctx.stderr.write(connectError(111, 'Connection refused', '8000006F'));
    return 1;
  }
  const out = new StdoutBuffer(ctx);
  const brief = o.has('brief');
  const quiet = o.has('quiet');
  if (!brief && !quiet) out.write('CONNECTED(00000003)\n');
  if (landing.kind === 'plain') {
    // A server that does not speak TLS answers the ClientHello with something that is not a record.
    out.flush();
    ctx.stderr.write(`${ERR_PREFIX}:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:354:\n`);
    return 1;
  }
  const server = landing.server;
  // No server of the cluster acknowledges the server name, so the client's callback cannot read it back.
  ctx.stderr.write("Can't use SSL_get_servername\n");
  const events = verifyEvents(server.chain, trusted, ctx.clock.now());
  const sniBytes = /^[\d.]+$/.test(host) || o.has('noservername') ? 0 : 9 + (o.get('servername') ?? host).length;
  // Byte counts are estimates (the simulated certificates have no DER size); the tests mask them.
  const bytesRead = 560 + 900 * server.chain.length + 40 * server.clientCAs.length;
  const bytesWritten = 391 + sniBytes + (certFile !== undefined ? 1250 : 0);
  const firstError = events.findIndex((e) => e.error !== undefined);
  if (o.has('verify_return_error') && firstError >= 0) {
    const e = events[firstError];
    ctx.stderr.write(verifyLines(e, true));
    ctx.stderr.write(`${ERR_PREFIX}:error:0A000086:SSL routines:tls_post_process_server_certificate:certificate verify failed:../ssl/statem/statem_clnt.c:1889:\n`);
    if (!brief && !quiet) out.write(sessionText({ server, showcerts: o.has('showcerts'), result: e.error!, failed: true, bytesRead: bytesRead - 300, bytesWritten: bytesWritten - 64 }));
    out.flush();
    return 1;
  }
  for (const e of events) ctx.stderr.write(verifyLines(e, brief));
  const result = verifyResult(events);
  const session = { server, showcerts: o.has('showcerts'), result, failed: false, bytesRead, bytesWritten };
  if (brief) ctx.stderr.write(briefText(session));
  else if (!quiet) out.write(sessionText(session));
  out.flush();
  // Go sends its one ticket after the client's Finished; a server that required a certificate it did not get sends an alert instead.
  const handshakeDone = !server.requireClientCert || certFile !== undefined;
  if (handshakeDone && !brief && !quiet) out.write(ticketText(result, Math.floor(ctx.clock.now() / 1000), (n) => randomBytes(ctx, n)));
  await ctx.stdin.readAll();
  // -quiet ignores the end of input (it implies -ign_eof) and ends when the server closes.
  if (!quiet) ctx.stderr.write('DONE\n');
  out.flush();
  return 0;
}
