/**
 * firewall-cmd (firewalld 0.6 on CentOS 7): --state, ports and services of the default zone
 * (runtime and --permanent), --reload, --list-ports/--list-services/--list-all. It talks to the
 * firewalld daemon: with firewalld.service stopped it answers "not running" / "FirewallD is not
 * running" with exit status 252, as the real client does. State in machine.ext.firewalld.
 */
import type { CommandContext, Program } from '../shell/command';
import { Systemd } from '../sim/systemd/manager';
import { isRoot, machineOf, out, worldOf } from './lib/context';

interface ZoneState {
  ports: string[];
  services: string[];
}

interface FirewalldState {
  runtime: ZoneState;
  permanent: ZoneState;
}

const DEFAULT_ZONE: ZoneState = { ports: [], services: ['dhcpv6-client', 'ssh'] };

function stateOf(ctx: CommandContext): FirewalldState {
  const m = machineOf(ctx);
  return ((m.ext.firewalld as FirewalldState | undefined) ??= { runtime: structuredClone(DEFAULT_ZONE), permanent: structuredClone(DEFAULT_ZONE) }) as FirewalldState;
}

const NOT_RUNNING = 252;

export const firewallCmd: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const machine = machineOf(ctx);
  const running = new Systemd(machine, worldOf(ctx), () => ctx.clock.now()).isActive('firewalld.service');
  if (args.includes('--state')) {
    out(running ? ctx.stdout : ctx.stderr, running ? 'running' : 'not running');
    return running ? 0 : NOT_RUNNING;
  }
  if (!running) {
    out(ctx.stderr, 'FirewallD is not running');
    return NOT_RUNNING;
  }
  if (!isRoot(ctx)) {
    out(ctx.stderr, 'Authorization failed.\n    Make sure polkit agent is running or run the application as superuser.');
    return 252;
  }
  const s = stateOf(ctx);
  const permanent = args.includes('--permanent');
  const zone = permanent ? s.permanent : s.runtime;
  if (args.includes('--reload')) {
    s.runtime = structuredClone(s.permanent);
    out(ctx.stdout, 'success');
    return 0;
  }
  const valueOf = (flag: string) => args.filter((a) => a.startsWith(`${flag}=`)).map((a) => a.slice(flag.length + 1));
  const addPorts = valueOf('--add-port');
  const removePorts = valueOf('--remove-port');
  const addServices = valueOf('--add-service');
  const removeServices = valueOf('--remove-service');
  if (addPorts.length || removePorts.length || addServices.length || removeServices.length) {
    for (const p of addPorts) {
      if (!/^\d+(-\d+)?\/(tcp|udp|sctp|dccp)$/.test(p)) {
        out(ctx.stderr, `Error: INVALID_PORT: ${p.split('/')[0]}`);
        return 254;
      }
      if (zone.ports.includes(p)) ctx.stderr.write(`Warning: ALREADY_ENABLED: ${p}\n`);
      else zone.ports.push(p);
    }
    for (const p of removePorts) {
      if (!zone.ports.includes(p)) ctx.stderr.write(`Warning: NOT_ENABLED: ${p}\n`);
      zone.ports = zone.ports.filter((x) => x !== p);
    }
    for (const svc of addServices) if (!zone.services.includes(svc)) zone.services.push(svc);
    for (const svc of removeServices) zone.services = zone.services.filter((x) => x !== svc);
    out(ctx.stdout, 'success');
    return 0;
  }
  if (args.includes('--list-ports')) {
    out(ctx.stdout, zone.ports.join(' '));
    return 0;
  }
  if (args.includes('--list-services')) {
    out(ctx.stdout, zone.services.join(' '));
    return 0;
  }
  if (args.includes('--get-default-zone')) {
    out(ctx.stdout, 'public');
    return 0;
  }
  if (args.includes('--list-all')) {
    out(ctx.stdout, `public (active)\n  target: default\n  icmp-block-inversion: no\n  interfaces: ens192\n  sources: \n  services: ${zone.services.join(' ')}\n  ports: ${zone.ports.join(' ')}\n  protocols: \n  masquerade: no\n  forward-ports: \n  source-ports: \n  icmp-blocks: \n  rich rules: \n\t`);
    return 0;
  }
  if (!args.length) {
    out(ctx.stderr, 'usage: see firewall-cmd man page\nNo option specified.');
    return 2;
  }
  out(ctx.stderr, `usage: see firewall-cmd man page\nfirewall-cmd: error: unrecognized arguments: ${args.join(' ')}`);
  return 2;
};
