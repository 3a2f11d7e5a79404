/**
 * nc on the nodes: Ubuntu's netcat-openbsd (1.218). With -z it only connects; -v reports on
 * stderr, as its report_connect and warn do: `Connection to HOST (IP) PORT port [tcp/SERVICE]
 * succeeded!`, `nc: connect to HOST port PORT (tcp) failed: Connection refused`; -w SEC bounds
 * the connect (`… timed out: Operation now in progress`). It exits 1 when a connection fails.
 */
import { serviceName } from './lib/etc-services';
import type { Program } from '../command';
import { getNetwork } from './lib/system';
import { CONNECT_GIVE_UP_MS } from './lib/curl-run';
import { parseArgs, type OptionSpec } from './lib/args';


const USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
	  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
	  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
	  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
	  [destination] [port]
`;

export const nc: Program = async (ctx) => {
  const specs: OptionSpec[] = [...'46CDdFhklNnrStUuvZz'].map((short) => ({ short })).concat([...'IiMmOPpqsTVWwXx'].map((short) => ({ short, arg: 'required' as const })));
  const parsed = parseArgs(ctx, specs, { tryLine: USAGE.trimEnd() });
  if (typeof parsed === 'number') return parsed;
  const verbose = parsed.has('v');
  const zero = parsed.has('z');
  const wait = parsed.last('w');
  if (wait !== undefined && !/^\d+$/.test(wait)) {
    ctx.stderr.write(`nc: timeout invalid: ${wait}\n`);
    return 1;
  }
  const waitSec = wait === undefined ? undefined : Number(wait);
  const operands = parsed.operands;
  const [host, port] = operands;
  if (!host || !port) {
    ctx.stderr.write(USAGE);
    return 1;
  }
  const net = getNetwork();
  const ip = net.resolve(ctx, host);
  if (!ip) {
    ctx.stderr.write(`nc: getaddrinfo for host "${host}" port ${port}: Name or service not known\n`);
    return 1;
  }
  const result = net.tcp?.(ctx, ip, Number(port)) ?? 'refused';
  if (result === 'open') {
    if (verbose || zero) ctx.stderr.write(`Connection to ${host}${host === ip ? '' : ` (${ip})`} ${port} port [tcp/${serviceName(Number(port), 'tcp') ?? '*'}] succeeded!\n`);
    if (!zero) await ctx.stdin.readAll();
    return 0;
  }
  if (result === 'timeout') {
    await ctx.clock.sleep(waitSec !== undefined ? waitSec * 1000 : CONNECT_GIVE_UP_MS, ctx.signal);
    if (ctx.signal.aborted) return 130;
    if (verbose) ctx.stderr.write(waitSec !== undefined ? `nc: connect to ${host} port ${port} (tcp) timed out: Operation now in progress\n` : `nc: connect to ${host} port ${port} (tcp) failed: Connection timed out\n`);
    return 1;
  }
  if (verbose) ctx.stderr.write(`nc: connect to ${host} port ${port} (tcp) failed: Connection refused\n`);
  return 1;
};
