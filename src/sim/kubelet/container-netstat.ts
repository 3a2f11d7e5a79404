/**
 * busybox netstat (networking/netstat.c) in a container: the sockets of the Pod's network
 * namespace, which every container of the Pod shares (a busybox sidecar sees nginx's port 80).
 * What listens comes from each container's program: nginx's default server on 0.0.0.0:80 and
 * [::]:80, Apache on [::]:80, busybox httpd on its -p port. With -p a process of another
 * container shows as `-` (another PID namespace). No /etc/services in these images: ports stay
 * numbers, with or without -n.
 */
import type { Program } from '../../shell/command';
import { normalizeImage } from '../runtime/images';
import { spec, status } from '../controllers/machinery/objects';
import { busyboxOptions } from './busybox-text';
import type { ExecContext } from './exec';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const USAGE = `Usage: netstat [-ral] [-tuwx] [-enWp]

Display networking information

\t-r\tRouting table
\t-a\tAll sockets
\t-l\tListening sockets
\t\tElse: connected sockets
\t-t\tTCP sockets
\t-u\tUDP sockets
\t-w\tRaw sockets
\t-x\tUnix sockets
\t\tElse: all socket types
\t-e\tOther/more information
\t-n\tDon't resolve names
\t-W\tWide display
\t-p\tShow PID/program name for sockets
`;

interface Listener {
  proto: 'tcp' | 'udp';
  v6: boolean;
  port: number;
  container: string;
  program: string;
}

/** What a container's program listens on, by image and command. */
function listenersOf(c: Obj): Listener[] {
  const repo = normalizeImage(String(c.image ?? '')).repository;
  const base = repo.split('/').pop() ?? '';
  const argv = [...((c.command ?? []) as string[]), ...((c.args ?? []) as string[])].map(String);
  const at = (port: number, v6: boolean, program: string): Listener => ({ proto: 'tcp', v6, port, container: String(c.name), program });
  if (base === 'nginx' && !c.command?.length) return [at(80, false, 'nginx'), at(80, true, 'nginx')];
  if (base === 'httpd' && !c.command?.length) return [at(80, true, 'httpd')];
  if (base === 'redis' && !c.command?.length) return [at(6379, false, 'redis-server'), at(6379, true, 'redis-server')];
  const script = argv.join(' ');
  const httpd = /(?:^|[\s;&|])httpd\b([^;&|]*)/.exec(script);
  if ((base === 'busybox' || base === 'alpine') && httpd) {
    const port = /-p\s*(?:\S*:)?(\d+)/.exec(httpd[1]);
    return [at(port ? Number(port[1]) : 80, true, 'httpd')];
  }
  return [];
}

/** -r: the Pod's routes (flannel's /24 on eth0, its gateway for the rest); names unless -n. */
function routeTable(c: ExecContext, numeric: boolean): string {
  let out = 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n';
  const ip = String(status(c.pod).podIP ?? '');
  if (!ip || spec(c.pod).hostNetwork) return out;
  const net = ip.replace(/\.\d+$/, '');
  const name = (a: string, any: string) => (a === '0.0.0.0' && !numeric ? any : a);
  for (const [dest, gw, mask, flags] of [
    ['0.0.0.0', `${net}.1`, '0.0.0.0', 'UG'],
    ['10.244.0.0', `${net}.1`, '255.255.0.0', 'UG'],
    [`${net}.0`, '0.0.0.0', '255.255.255.0', 'U'],
  ])
    out += `${name(dest, 'default').padEnd(16)}${name(gw, '*').padEnd(16)}${mask.padEnd(16)}${flags.padEnd(6)}${'0'.padStart(5)} ${'0'.padEnd(6)} ${'0'.padStart(5)} eth0\n`;
  return out;
}

export function busyboxNetstat(c: ExecContext): Program {
  return async (p) => {
    const args = busyboxOptions(p, 'laentuwxrWp', USAGE);
    if (!args) return 1;
    if (args.has('r')) {
      p.stdout.write(routeTable(c, args.has('n')));
      return 0;
    }
    let listening = false;
    let connected = true;
    if (args.has('l')) [listening, connected] = [true, false];
    if (args.has('a')) [listening, connected] = [true, true];
    const chosen = ['t', 'u', 'w', 'x'].filter((k) => args.has(k));
    const kinds = new Set(chosen.length ? chosen : ['t', 'u', 'w', 'x']);
    const prg = args.has('p');
    const width = args.has('W') ? 51 : 23;
    const which = listening && connected ? '(servers and established)' : listening ? '(only servers)' : '(w/o servers)';
    const banner = prg ? 'PID/Program name    ' : '';
    let out = '';
    if (kinds.has('t') || kinds.has('u') || kinds.has('w')) {
      out += `Active Internet connections ${which}\nProto Recv-Q Send-Q ${'Local Address'.padEnd(width)} ${'Foreign Address'.padEnd(width)} State       ${banner}\n`;
      const pod = spec(c.pod);
      const containers = [...((pod.initContainers ?? []) as Obj[]).filter((x) => x.restartPolicy === 'Always'), ...((pod.containers ?? []) as Obj[])];
      const socks = containers.flatMap(listenersOf);
      // /proc/net/tcp, then tcp6 (then udp, udp6).
      const ordered = [...socks.filter((s) => s.proto === 'tcp' && !s.v6), ...socks.filter((s) => s.proto === 'tcp' && s.v6)];
      if (kinds.has('t') && listening && !pod.hostNetwork) {
        for (const s of ordered) {
          const local = s.v6 ? `:::${s.port}` : `0.0.0.0:${s.port}`;
          const remote = s.v6 ? ':::*' : '0.0.0.0:*';
          const owner = prg ? (s.container === c.container.name ? `1/${s.program}`.slice(0, 20) : '-') : '';
          // busybox names both tables' lines tcp.
          out += `tcp   ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(width)} ${remote.padEnd(width)} ${'LISTEN'.padEnd(12)}${owner}\n`;
        }
      }
    }
    if (kinds.has('x')) out += `Active UNIX domain sockets ${which}\nProto RefCnt Flags       Type       State         I-Node ${banner}Path\n`;
    p.stdout.write(out);
    return 0;
  };
}
