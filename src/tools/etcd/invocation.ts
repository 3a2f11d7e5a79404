/**
 * One run of an etcdctl command after cobra found it and parsed its flags: its arguments, its
 * flags with the ETCDCTL_* environment filling those not given (SetPflagsFromEnv over the
 * inherited flags, as clientConfigFromCmd does), and the client it makes.
 */
import type { CommandContext } from '../../shell/command';
import { out } from '../lib/context';
import type { Command } from './cobra';
import { connect, failDeadline, tlsFilesError, type Connection, type TlsFlags } from './connection';

/** cobrautl's exit codes. */
export const EXIT = { error: 1, badConnection: 2, invalidInput: 3, badFeature: 4, interrupted: 5, io: 6, badArgs: 128 } as const;

const PRINTERS = new Set(['simple', 'fields', 'json', 'protobuf', 'table']);

export class Invocation {
  constructor(
    readonly ctx: CommandContext,
    readonly cmd: Command,
    readonly args: string[],
    private readonly values: Map<string, string>,
    private readonly changed: Set<string>,
  ) {}

  /** ETCDCTL_<NAME> for a flag of the root's that the command line did not set. */
  flag(name: string): string {
    const env = this.ctx.env[`ETCDCTL_${name.toUpperCase().replaceAll('-', '_')}`];
    const global = this.cmd.inheritedFlags().some((f) => f.name === name);
    if (!this.changed.has(name) && global && env !== undefined) return env;
    return this.values.get(name) ?? '';
  }

  bool(name: string): boolean {
    return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(this.flag(name));
  }

  isSet(name: string): boolean {
    return this.changed.has(name);
  }

  get endpoints(): string[] {
    return this.flag('endpoints').split(',').filter(Boolean);
  }

  get write(): string {
    return this.flag('write-out');
  }

  /** An error of cobrautl.ExitWithError: "Error: …" on stderr and the code. */
  fail(code: number, message: string): number {
    out(this.ctx.stderr, `Error: ${message}`);
    return code;
  }

  /** clientConfigFromCmd and mustClient: the printer, the TLS files, then the first endpoint dialled. */
  async client(endpoint = this.endpoints[0]): Promise<Connection | number> {
    for (const name of ['cert', 'key', 'cacert'])
      if (this.isSet(name) && this.flag(name) === '') return this.fail(EXIT.badArgs, `empty string is passed to --${name} option`);
    if (!PRINTERS.has(this.write)) return this.fail(EXIT.badFeature, 'unsupported output format');
    const tls = this.tls();
    const bad = tlsFilesError(this.ctx, tls);
    if (bad) return this.fail(EXIT.badArgs, bad);
    const conn = connect(this.ctx, tls, endpoint ?? '127.0.0.1:2379');
    if (typeof conn === 'object') return conn;
    return failDeadline(this.ctx, endpoint ?? '127.0.0.1:2379');
  }

  tls(): TlsFlags {
    return { cert: this.flag('cert'), key: this.flag('key'), cacert: this.flag('cacert'), insecureSkipVerify: this.bool('insecure-skip-tls-verify'), insecureTransport: this.bool('insecure-transport') };
  }
}
