/**
 * etcdctl's command line as cobra v1.1.3 and etcd's cobrautl handle it: the help etcdctl writes
 * to stdout (cobrautl/help.go's template through a tab-padding tabwriter), prefix matching,
 * flag and command errors printed by cobra and again by ExitWithError, the argument checks each
 * command makes before it dials, and the TLS files read before the dial (exit 128).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run, worldOf } from './helpers';
import { installPrograms } from '../../src/sim/machine/image';
import { Command, find, parseFlags, type CommandSpec } from '../../src/tools/etcd/cobra';
import commands from '../../src/tools/etcd/commands.json';

const TLS = '--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';

function world() {
  const w = worldOf('cluster');
  installPrograms(w.machines.get('cka01')!.rootFs, ['etcdctl', 'etcdutl'], '/usr/local/bin');
  return w;
}

describe('etcdctl help', () => {
  it('prints the root usage with every runnable command below it, sorted, and the global flags as OPTIONS', async () => {
    const r = await run(world(), 'etcdctl --help; echo rc=$?');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 13)).toEqual(['NAME:', '\tetcdctl - A simple command line client for etcd3.', '', 'USAGE:', '\tetcdctl [flags]', '', 'VERSION:', '\t3.5.21', '', 'API VERSION:', '\t3.5', '', '']);
    expect(lines[13]).toBe('COMMANDS:');
    // Names padded with tabs to one column: the longest ("role revoke-permission", 22) + 1 rounds up to 24.
    expect(lines).toContain('\talarm disarm\t\tDisarms all alarms');
    expect(lines).toContain('\tget\t\t\tGets the key or a range of keys');
    expect(lines).toContain('\trole revoke-permission\tRevokes a key from a role');
    expect(lines).toContain('\thelp\t\t\tHelp about any command');
    // Groups (member, snapshot) are not listed, only what runs.
    expect(lines.filter((l) => /^\tmember\t/.test(l))).toEqual([]);
    expect(lines).toContain('      --cacert=""\t\t\t\tverify certificates of TLS-enabled secure servers using this CA bundle');
    expect(lines).toContain('      --endpoints=[127.0.0.1:2379]\t\tgRPC endpoints');
    expect(lines).toContain('      --insecure-transport[=true]\t\tdisable transport security for client connections');
    expect(lines).toContain('  -w, --write-out="simple"\t\t\tset the output format (fields, json, protobuf, simple, table)');
    expect(r.stdout).not.toContain('GLOBAL OPTIONS');
    expect(r.stdout.endsWith('\n\nrc=0\n')).toBe(true);
    expect(r.stderr).toBe('');
  });

  it('a group alone, -h and `help CMD` print that command\'s usage; the leaf shows its Long text and the global flags', async () => {
    const r = await run(world(), 'etcdctl snapshot > a; echo rc=$?; etcdctl snapshot restore -h > b; etcdctl help snapshot restore > c; cmp b c && echo same; head -12 a; sed -n 1,12p b');
    expect(r.stdout).toBe(
      [
        'rc=0',
        'same',
        'NAME:',
        '\tsnapshot - Manages etcd node snapshots',
        '',
        'USAGE:',
        '\tetcdctl snapshot <subcommand> [flags]',
        '',
        'API VERSION:',
        '\t3.5',
        '',
        '',
        'COMMANDS:',
        '\trestore\tRestores an etcd member snapshot to an etcd directory',
        'NAME:',
        '\tsnapshot restore - Restores an etcd member snapshot to an etcd directory',
        '',
        'USAGE:',
        '\tetcdctl snapshot restore <filename> [options] [flags]',
        '',
        'DESCRIPTION:',
        '\tMoved to `etcdctl snapshot restore ...`',
        '',
        'OPTIONS:',
        '      --bump-revision=0\t\t\t\t\t\tHow much to increase the latest revision after restore',
        '      --data-dir=""\t\t\t\t\t\tPath to the data directory',
        '',
      ].join('\n'),
    );
  });

  it('an unknown help topic is named on stderr before the root usage', async () => {
    const r = await run(world(), 'etcdctl help nope | head -2; echo rc=$?');
    expect(r.stderr).toBe('Unknown help topic [`nope`]\n');
    expect(r.stdout).toBe('NAME:\n\tetcdctl - A simple command line client for etcd3.\nrc=0\n');
  });
});

describe('etcdctl errors', () => {
  it('an unknown flag: the error, the usage on stdout, a blank line, the error again; exit 1', async () => {
    const r = await run(world(), 'etcdctl get --bogus foo > out; echo rc=$?; head -2 out');
    expect(r.stderr).toBe('Error: unknown flag: --bogus\n\nError: unknown flag: --bogus\n');
    expect(r.stdout).toBe('rc=1\nNAME:\n\tget - Gets the key or a range of keys\n');
  });

  it('an unknown command: cobra\'s two lines with suggestions, then ExitWithError\'s', async () => {
    const r = await run(world(), 'etcdctl snapshots; echo rc=$?; etcdctl bogus; echo rc=$?');
    expect(r.stderr).toBe(
      'Error: unknown command "snapshots" for "etcdctl"\n\nDid you mean this?\n\tsnapshot\n\nRun \'etcdctl --help\' for usage.\n' +
        'Error: unknown command "snapshots" for "etcdctl"\n\nDid you mean this?\n\tsnapshot\n\n' +
        'Error: unknown command "bogus" for "etcdctl"\nRun \'etcdctl --help\' for usage.\nError: unknown command "bogus" for "etcdctl"\n',
    );
    expect(r.stdout).toBe('rc=1\nrc=1\n');
  });

  it('argument checks come before the dial, with ExitBadArgs (128)', async () => {
    const r = await run(world(), 'for c in "get" "get a --prefix --from-key" "get a b --prefix" "put" "snapshot save" "compaction" "del" "alarm list x"; do etcdctl $c; echo rc=$?; done');
    expect(r.stderr).toBe(
      [
        'Error: get command needs one argument as key and an optional argument as range_end',
        'Error: `--prefix` and `--from-key` cannot be set at the same time, choose one',
        'Error: too many arguments, only accept one argument when `--prefix` or `--from-key` is set',
        'Error: put command needs 1 argument and input from stdin or 2 arguments',
        'Error: snapshot save expects one argument',
        'Error: compaction command needs 1 argument',
        'Error: del command needs one argument as key and an optional argument as range_end',
        'Error: alarm list command accepts no arguments',
        '',
      ].join('\n'),
    );
    expect(r.stdout).toBe('rc=128\n'.repeat(8));
  });

  it('reads the TLS files before it dials: a missing file or half a key pair exits 128 at once', async () => {
    const w = world();
    const before = w.clock.now();
    const r = await run(w, `etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.kye endpoint status; echo rc=$?; etcdctl --cert=/etc/kubernetes/pki/etcd/server.crt get a; echo rc=$?; etcdctl --cacert= get a; echo rc=$?; etcdctl ${TLS} -w yaml get a; echo rc=$?`);
    expect(r.stderr).toBe(
      'Error: open /etc/kubernetes/pki/etcd/server.kye: no such file or directory\nError: KeyFile and CertFile must both be present[key: , cert: /etc/kubernetes/pki/etcd/server.crt]\nError: empty string is passed to --cacert option\nError: unsupported output format\n',
    );
    expect(r.stdout).toBe('rc=128\nrc=128\nrc=128\nrc=4\n');
    expect(w.clock.now() - before).toBeLessThan(1000);
  });
});

describe('etcdctl against the member', () => {
  it('finds commands by prefix, puts and gets keys, limits ranges; the endpoint may omit https:// when TLS is configured', async () => {
    const r = await run(world(), `etcdctl ${TLS} put /lab/a 1\netcdctl ${TLS} put /lab/b 2\netcdctl ${TLS} ge /lab --prefix\netcdctl ${TLS} get /lab --prefix --limit 1 --print-value-only\netcdctl ${TLS} del /lab/a\netcdctl ${TLS} get /lab/ --prefix --keys-only\netcdctl ${TLS} mem li -w table | sed -n 4p | cut -c1-20`);
    expect(r.stdout).toMatch(/^OK\nOK\n\/lab\/a\n1\n\/lab\/b\n2\n1\n1\n\/lab\/b\n\n\| [0-9a-f]{16} \|\n$/);
  });

  it('ETCDCTL_* variables stand for the global flags not given, the command line winning', async () => {
    const r = await run(world(), 'export ETCDCTL_CACERT=/etc/kubernetes/pki/etcd/ca.crt ETCDCTL_CERT=/etc/kubernetes/pki/etcd/server.crt ETCDCTL_KEY=/etc/kubernetes/pki/etcd/server.key ETCDCTL_ENDPOINTS=https://127.0.0.1:2379\netcdctl endpoint health\netcdctl --key=/nope get a; echo rc=$?');
    expect(r.stdout).toMatch(/^https:\/\/127\.0\.0\.1:2379 is healthy: successfully committed proposal: took = [\d.]+ms\nrc=128\n$/);
    expect(r.stderr).toBe('Error: open /nope: no such file or directory\n');
  });
});

describe('cobra find (property)', () => {
  const root = new Command(commands.etcdctl as CommandSpec);
  const globals = ['--endpoints=https://127.0.0.1:2379', '-w', 'table', '--hex', '--dial-timeout', '3s', '--debug=false'];
  it('global flags anywhere around the command words name the same command and leave the same arguments', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (at, count) => {
        const words = ['member', 'list'];
        const flags = globals.slice(0, count * 2 > globals.length ? globals.length : count * 2).filter((_, i, a) => !(a[i] === '-w' && i === a.length - 1) && !(a[i] === '--dial-timeout' && i === a.length - 1));
        const argv = [...words.slice(0, Math.min(at, 2)), ...flags, ...words.slice(Math.min(at, 2))];
        const found = find(root, argv);
        const parsed = parseFlags(found.cmd, found.args);
        return found.cmd.path === 'etcdctl member list' && !found.error && 'positional' in parsed && parsed.positional.length === 0;
      }),
    );
  });
});

describe('etcdutl (cobra\'s default usage)', () => {
  it('prints Usage, Available Commands padded to 11, Flags in pflag\'s layout; hidden save is not listed', async () => {
    const r = await run(world(), 'etcdutl --help; etcdutl snapshot --help | sed -n 4,6p; etcdutl snapshot restore --help | grep -E "^      --(bump-revision|data-dir|skip-hash-check) "');
    expect(r.stdout).toBe(
      [
        'Usage:',
        '  etcdutl [command]',
        '',
        'Available Commands:',
        '  backup      [legacy] offline backup of etcd directory',
        '  check       commands for checking properties',
        '  defrag      Defragments the storage of the etcd',
        '  help        Help about any command',
        '  snapshot    Manages etcd node snapshots',
        '  version     Prints the version of etcdutl',
        '',
        'Flags:',
        '  -h, --help               help for etcdutl',
        '  -w, --write-out string   set the output format (fields, json, protobuf, simple, table) (default "simple")',
        '',
        'Use "etcdutl [command] --help" for more information about a command.',
        'Available Commands:',
        '  restore     Restores an etcd member snapshot to an etcd directory',
        '  status      Gets backend snapshot status of a given file',
        '      --bump-revision uint                   How much to increase the latest revision after restore',
        '      --data-dir string                      Path to the output data directory',
        '      --skip-hash-check                      Ignore snapshot integrity hash value (required if copied from data directory)',
        '',
      ].join('\n'),
    );
  });

  it('a flag error prints the error, the usage and a blank line on stderr, then the error again; a deprecated save says so', async () => {
    const r = await run(world(), 'etcdutl snapshot status --bogus 2>&1 >/dev/null | sed -n "1,3p;\\$p"; etcdutl snapshot save x; echo rc=$?; etcdutl snapshot status; echo rc=$?');
    expect(r.stdout).toBe('Error: unknown flag: --bogus\nUsage:\n  etcdutl snapshot status <filename> [flags]\nError: unknown flag: --bogus\nrc=128\nrc=128\n');
    expect(r.stderr).toBe('Command "save" is deprecated, Use `etcdctl snapshot save` to download snapshot\nError: In order to download snapshot use: `etcdctl snapshot save ...`\nError: snapshot status requires exactly one argument\n');
  });
});

describe('etcdctl auth queries', () => {
  it('kubeadm\'s etcd has authentication off, no users and no roles', async () => {
    const r = await run(world(), `etcdctl ${TLS} auth status; etcdctl ${TLS} user list; etcdctl ${TLS} role list; echo rc=$?`);
    expect(r.stdout).toBe('Authentication Status: false\nAuthRevision: 1\nrc=0\n');
  });
});

describe('etcdctl -w json', () => {
  it('prints the responses as encoding/json marshals etcd\'s structs: IDs as uint64, keys and values in base64, omitempty', async () => {
    const r = await run(world(), `etcdctl ${TLS} member list -w json; etcdctl ${TLS} endpoint status -w json; etcdctl ${TLS} endpoint health -w json; etcdctl ${TLS} get /registry/namespaces --prefix --keys-only --limit 1 -w json; etcdctl ${TLS} get /registry/namespaces/default -w json`);
    const [members, status, health, keys, one] = r.stdout.trimEnd().split('\n');
    expect(members).toMatch(/^\{"header":\{"cluster_id":\d+,"member_id":(\d+),"raft_term":2\},"members":\[\{"ID":\1,"name":"cka01","peerURLs":\["https:\/\/192\.168\.6\.171:2380"\],"clientURLs":\["https:\/\/192\.168\.6\.171:2379"\]\}\]\}$/);
    const memberId = /"member_id":(\d+)/.exec(members)![1];
    expect(BigInt(memberId).toString(16)).toMatch(/^[0-9a-f]{1,16}$/);
    expect(status).toMatch(new RegExp(`^\\[\\{"Endpoint":"127\\.0\\.0\\.1:2379","Status":\\{"header":\\{"cluster_id":\\d+,"member_id":${memberId},"revision":(\\d+),"raft_term":2\\},"version":"3\\.5\\.21","dbSize":\\d+,"leader":${memberId},"raftIndex":\\1,"raftTerm":2,"raftAppliedIndex":\\1,"dbSizeInUse":\\d+\\}\\}\\]$`));
    expect(health).toBe('[{"endpoint":"127.0.0.1:2379","health":true,"took":"9.582351ms"}]');
    const k = JSON.parse(keys);
    expect(k.more).toBe(true);
    expect(k.count).toBeGreaterThan(1);
    expect(k.kvs).toHaveLength(1);
    expect(k.kvs[0].value).toBeUndefined();
    const v = JSON.parse(one);
    expect(atob(v.kvs[0].key)).toBe('/registry/namespaces/default');
    // The Namespace as the API server stores it: protobuf (etcdctl-protobuf.test.ts checks the bytes).
    expect(atob(v.kvs[0].value)).toMatch(/^k8s\0\n\x0f\n\x02v1\x12\tNamespace/);
    expect(v.count).toBe(1);
    expect(v.more).toBeUndefined();
  });

  it('get has no table printer: exit 4 as printerUnsupported does', async () => {
    const r = await run(world(), `etcdctl ${TLS} get a -w table; echo rc=$?`);
    expect(r.stderr).toBe('Error: table not supported as output format\n');
    expect(r.stdout).toBe('rc=4\n');
  });
});
