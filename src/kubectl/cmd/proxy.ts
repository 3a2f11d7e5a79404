/**
 * kubectl proxy (pkg/cmd/proxy, pkg/proxy/proxy_server.go): a socket on the learner's machine that
 * carries each request to the API server as the kubeconfig's user, until Ctrl-C or kill. Its
 * filter refuses what the defaults refuse (exec and attach, hosts other than the loopback's) with
 * "Forbidden"; everything else is the API server's own answer, which curl's User-Agent gets
 * pretty-printed.
 */
import type { Machine } from '../../sim/machine/machine';
import { bind } from '../../sim/machine/sockets';
import { apiServerAnswer } from '../../sim/network/component-responses';
import { connect } from '../client/connection';
import { fail } from '../errors';
import type { Invocation } from '../invocation';
import { register } from './registry';
import { untilSignalled } from '../util/until-signalled';

/** The filter's defaults (DefaultPathRejectRE, DefaultHostAcceptRE). */
const REJECT_PATHS = [/^\/api\/.*\/pods\/.*\/exec/, /^\/api\/.*\/pods\/.*\/attach/];
const ACCEPT_HOSTS = /^(?:localhost|127\.0\.0\.1|\[::1\])$/;

function forbidden(date: string) {
  const body = 'Forbidden\n';
  // http.Error's answer.
  return { status: 403, statusText: 'Forbidden', headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', Date: date, 'Content-Length': String(body.length) }, body };
}

async function proxy(inv: Invocation): Promise<number> {
  const conn = connect(inv, 0);
  const port = inv.flags.int('port');
  const address = inv.flags.str('address') || '127.0.0.1';
  const release = bind(inv.ctx.machine as Machine, {
    kind: 'http',
    address,
    port,
    program: 'kubectl',
    // Go's net.Listen opens the socket before anything else: the process's first descriptor.
    pid: inv.ctx.pid,
    fd: 3,
    answer: ({ path, headers, date }) => {
      const host = (Object.entries(headers).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? address).replace(/:\d+$/, '');
      if (REJECT_PATHS.some((re) => re.test(path.split('?')[0])) || !ACCEPT_HOSTS.test(host)) return forbidden(date);
      const res = conn.transport.raw?.(path, conn.user) ?? { code: 404, body: '404 page not found\n' };
      return apiServerAnswer(res, date);
    },
  });
  if (!release) throw fail(`listen tcp ${address}:${port}: bind: address already in use`);
  inv.out(`Starting to serve on ${address}:${port}\n`);
  try {
    await untilSignalled(inv.ctx.signal, inv.ctx.clock);
  } finally {
    release();
  }
  return 130;
}

register('proxy', proxy);
