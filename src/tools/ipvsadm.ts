/**
 * ipvsadm (1.31, Ubuntu 22.04's package) over the machine's IPVS table (src/sim/network/ipvs.ts),
 * which kube-proxy fills in IPVS mode: -L/-l [-n] [--stats] [-t|-u SERVICE], -S, -C, --version.
 * Layouts from ipvsadm.c (print_title, print_service_entry, list_all); like the real one it loads
 * the ip_vs module when the kernel has not loaded it yet.
 */
import type { CommandContext, Program } from '../shell/command';
import { isRoot, machineOf, systemFs } from './lib/context';
import { syncNetfilterAgents } from '../sim/network/netfilter/agents';
import { ipvsOf, setIpvs, sortedDests, sortedServices, type VirtualService } from '../sim/network/ipvs';
import { serviceName } from '../shell/commands/lib/etc-services';
import { loadModule } from '../sim/kernel/modules';
import { hostsEntries } from './getent';

const VERSION = 'ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)';

interface Options {
  command: 'list' | 'save' | 'clear' | 'version';
  numeric: boolean;
  stats: boolean;
  service?: { protocol: 'TCP' | 'UDP'; spec: string };
}

/** popt's reading of the command line; a message and status for what it refuses. */
function parse(args: string[]): Options | { error: string; status: number } {
  const o: Options = { command: 'list', numeric: false, stats: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-L' || a === '-l' || a === '--list') o.command = 'list';
    else if (a === '-Ln' || a === '-ln' || a === '-nL' || a === '-nl') Object.assign(o, { command: 'list', numeric: true });
    else if (a === '-n' || a === '--numeric') o.numeric = true;
    else if (a === '--stats') o.stats = true;
    else if (a === '-S' || a === '--save') o.command = 'save';
    else if (a === '-C' || a === '--clear') o.command = 'clear';
    else if (a === '-v' || a === '--version') o.command = 'version';
    else if (a === '-t' || a === '--tcp-service' || a === '-u' || a === '--udp-service') {
      const spec = args[++i];
      if (spec === undefined) return { error: `${a}: missing argument`, status: 255 };
      o.service = { protocol: a === '-t' || a === '--tcp-service' ? 'TCP' : 'UDP', spec };
    } else return { error: `${a}: unknown option`, status: 255 };
  }
  return o;
}

/** addrport_to_anyname: numbers with -n, else a host name from /etc/hosts and the port's service name. */
function addrPort(ctx: CommandContext, address: string, port: number, protocol: string, numeric: boolean): string {
  if (numeric) return `${address}:${port}`;
  const host = hostsEntries(ctx).find((e) => e.addr === address)?.names[0] ?? address;
  return `${host}:${serviceName(port, protocol.toLowerCase()) ?? port}`;
}

const padNum = (n: number) => String(n).padStart(9);

/**
 * --stats counters: the simulation follows a connection's first packet only (a SYN, 60 bytes, as
 * the netfilter counters count it), so a connection is one packet in and nothing out.
 */
const stats = (conns: number) => [conns, conns, 0, conns * 60, 0].map(padNum).join('');

function serviceLines(ctx: CommandContext, vs: VirtualService, o: Options): string {
  const name = `${vs.protocol}  ${addrPort(ctx, vs.address, vs.port, vs.protocol, o.numeric)}`.slice(0, 33);
  let s = o.stats ? `${name.padEnd(33)}${stats(vs.conns)}\n` : `${name} ${vs.scheduler}${vs.persistent ? ` persistent ${vs.persistent}` : ''}\n`;
  for (const d of sortedDests(vs)) {
    const dest = addrPort(ctx, d.address, d.port, vs.protocol, o.numeric).slice(0, 28);
    s += o.stats
      ? `  -> ${dest.padEnd(28)}${stats(d.conns)}\n`
      : `  -> ${dest.padEnd(28)} ${'Masq'.padEnd(7)} ${String(d.weight).padEnd(6)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}\n`;
  }
  return s;
}

function title(o: Options): string {
  if (o.stats) return `${'Prot LocalAddress:Port'.padEnd(33)} ${['Conns', 'InPkts', 'OutPkts', 'InBytes', 'OutBytes'].map((h) => h.padStart(8)).join(' ')}\n  -> RemoteAddress:Port\n`;
  return 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';
}

function saveLines(ctx: CommandContext, vs: VirtualService, o: Options): string {
  const svc = `${vs.protocol === 'TCP' ? '-t' : '-u'} ${addrPort(ctx, vs.address, vs.port, vs.protocol, o.numeric)}`;
  let s = `-A ${svc} -s ${vs.scheduler}${vs.persistent ? ` -p ${vs.persistent}` : ''}\n`;
  for (const d of sortedDests(vs)) s += `-a ${svc} -r ${addrPort(ctx, d.address, d.port, vs.protocol, o.numeric)} -m -w ${d.weight}\n`;
  return s;
}

export const ipvsadm: Program = async (ctx) => {
  const parsed = parse(ctx.argv.slice(1));
  if (!isRoot(ctx)) {
    ctx.stderr.write("Can't initialize ipvs: Permission denied (you must be root)\nAre you sure that IP Virtual Server is built in the kernel or as module?\n");
    return 2;
  }
  // libipvs loads ip_vs itself when the kernel does not have it yet (modprobe_ipvs)
  loadModule(systemFs(ctx), 'ip_vs');
  if ('error' in parsed) {
    ctx.stderr.write(`${parsed.error}\n`);
    return parsed.status;
  }
  if (parsed.command === 'version') {
    ctx.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const machine = machineOf(ctx);
  syncNetfilterAgents(machine);
  const table = ipvsOf(machine) ?? { services: [], sets: {} };
  if (parsed.command === 'clear') {
    setIpvs(machine, { ...table, services: [] });
    return 0;
  }
  let services = sortedServices(table);
  if (parsed.service) {
    const [address, port] = parsed.service.spec.split(':');
    services = services.filter((s) => s.protocol === parsed.service!.protocol && s.address === address && String(s.port) === port);
    if (!services.length) {
      ctx.stderr.write('No such service\n');
      return 1;
    }
  }
  if (parsed.command === 'save') {
    ctx.stdout.write(services.map((s) => saveLines(ctx, s, parsed)).join(''));
    return 0;
  }
  const header = parsed.service ? '' : 'IP Virtual Server version 1.2.1 (size=4096)\n';
  ctx.stdout.write(header + title(parsed) + services.map((s) => serviceLines(ctx, s, parsed)).join(''));
  return 0;
};
