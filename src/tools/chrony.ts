/**
 * chronyc, the chrony client. It talks to chronyd over its command socket: with the service
 * stopped every command fails with "506 Cannot talk to daemon". This world is offline, so the
 * daemon never reaches its NTP pools: no sources, and tracking reports "Not synchronised" —
 * exactly what a machine without network shows.
 */
import type { CommandContext, Program } from '../shell/command';
import { Systemd } from '../sim/systemd/manager';
import { machineOf, worldOf } from './lib/context';

const SOURCES_HEADER = 'MS Name/IP address         Stratum Poll Reach LastRx Last sample               ';
const SOURCESTATS_HEADER = 'Name/IP Address            NP  NR  Span  Frequency  Freq Skew  Offset  Std Dev';

const SOURCES_LEGEND = `  .-- Source mode  '^' = server, '=' = peer, '#' = local clock.
 / .- Source state '*' = current best, '+' = combined, '-' = not combined,
| /             'x' = may be in error, '~' = too variable, '?' = unusable.
||                                                 .- xxxx [ yyyy ] +/- zzzz
||      Reachability register (octal) -.           |  xxxx = adjusted offset,
||      Log2(Polling interval) --.      |          |  yyyy = measured offset,
||                                \\     |          |  zzzz = estimated error.
||                                 |    |           \\
`;

const TRACKING = `Reference ID    : 00000000 ()
Stratum         : 0
Ref time (UTC)  : Thu Jan 01 00:00:00 1970
System time     : 0.000000000 seconds fast of NTP time
Last offset     : +0.000000000 seconds
RMS offset      : 0.000000000 seconds
Frequency       : 0.000 ppm slow
Residual freq   : +0.000 ppm
Skew            : 0.000 ppm
Root delay      : 1.000000000 seconds
Root dispersion : 1.000000000 seconds
Update interval : 0.0 seconds
Leap status     : Not synchronised
`;

function header(text: string): string {
  return `${text}\n${'='.repeat(text.length)}\n`;
}

type Handler = (ctx: CommandContext, args: string[]) => number;

const COMMANDS: Record<string, Handler> = {
  sources: (ctx, args) => {
    ctx.stdout.write((args.includes('-v') ? SOURCES_LEGEND : '') + header(SOURCES_HEADER));
    return 0;
  },
  sourcestats: (ctx) => {
    ctx.stdout.write(header(SOURCESTATS_HEADER));
    return 0;
  },
  tracking: (ctx) => {
    ctx.stdout.write(TRACKING);
    return 0;
  },
  activity: (ctx) => {
    ctx.stdout.write('200 OK\n0 sources online\n0 sources offline\n0 sources doing burst (return to online)\n0 sources doing burst (return to offline)\n0 sources with unknown address\n');
    return 0;
  },
  makestep: (ctx) => {
    ctx.stdout.write('200 OK\n');
    return 0;
  },
  burst: (ctx) => {
    ctx.stdout.write('200 OK\n');
    return 0;
  },
  online: (ctx) => {
    ctx.stdout.write('200 OK\n');
    return 0;
  },
  offline: (ctx) => {
    ctx.stdout.write('200 OK\n');
    return 0;
  },
  waitsync: (ctx) => {
    ctx.stdout.write('try: 1, refid: 00000000, correction: 0.000000000, skew: 0.000\n');
    return 1;
  },
};

function daemonRunning(ctx: CommandContext): boolean {
  const machine = machineOf(ctx);
  const sd = new Systemd(machine, worldOf(ctx), () => ctx.clock.now());
  return sd.isActive('chrony.service') || sd.isActive('chronyd.service');
}

export const chronyc: Program = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !['-n', '-c', '-m', '-a', '-4', '-6'].includes(a));
  if (args[0] === '-v' || args[0] === '--version') {
    ctx.stdout.write(machineOf(ctx).os.id === 'ubuntu' ? 'chronyc (chrony) version 4.2 (+READLINE +SECHASH +IPV6 -DEBUG)\n' : 'chronyc (chrony) version 3.4 (+READLINE +SECHASH +IPV6 +DEBUG)\n');
    return 0;
  }
  if (!args.length) {
    // Without a command chronyc reads commands from its input, one a line.
    let input = '';
    for (let chunk = await ctx.stdin.read(); chunk !== null; chunk = await ctx.stdin.read()) input += chunk;
    let status = 0;
    for (const line of input.split('\n').map((l) => l.trim()).filter(Boolean)) {
      if (line === 'quit' || line === 'exit') break;
      status = runCommand(ctx, line.split(/\s+/));
    }
    return status;
  }
  return runCommand(ctx, args);
};

function runCommand(ctx: CommandContext, args: string[]): number {
  const [command, ...rest] = args;
  const handler = COMMANDS[command];
  if (!handler) {
    ctx.stderr.write(`Unrecognized command\n`);
    return 1;
  }
  if (!daemonRunning(ctx)) {
    ctx.stderr.write('506 Cannot talk to daemon\n');
    return 1;
  }
  return handler(ctx, rest);
}
