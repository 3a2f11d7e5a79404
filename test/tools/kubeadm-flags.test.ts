/**
 * kubeadm checks a command's flags before it runs anything: an unknown flag, a missing value or a
 * value of the wrong type prints pflag's error and kubeadm's hint, exit 1, and changes nothing.
 * Every flag of v1.33's reference pages is accepted where the pages list it.
 */
import { describe, expect, it } from 'vitest';
import { kubeadmCommand, kubeadmFlagError } from '../../src/tools/kubeadm-flags';
import table from '../../src/tools/kubeadm-flags.json';
import { bootWorld, runScript } from '../../src/runtime/session';

const SAMPLE: Record<string, string> = { bool: 'true', int: '3', int32: '6443', duration: '2h', value: 'x' };

describe('kubeadmCommand', () => {
  it.each([
    [['init', '--pod-network-cidr', '10.244.0.0/16'], 'init'],
    [['upgrade', 'apply', 'v1.33.4', '--yes'], 'upgrade apply'],
    [['--v=5', 'token', 'create', '--ttl', '0'], 'token create'],
    [['token', '--kubeconfig', '/etc/kubernetes/admin.conf', 'list'], 'token list'],
    [['certs', 'renew', 'apiserver'], 'certs renew <cert>'],
    [['certs', 'renew', 'all'], 'certs renew all'],
    [['config', 'images', 'pull', '--kubernetes-version', 'v1.33.4'], 'config images pull'],
    [['init', 'phase', 'upload-certs', '--upload-certs'], 'init phase upload-certs'],
    [['init', 'phase', 'kubelet-start'], undefined],
  ])('%j runs %s', (args, command) => {
    expect(kubeadmCommand(args)).toBe(command);
  });
});

describe('kubeadmFlagError', () => {
  it('accepts every flag of every command, with a value of its type', () => {
    for (const [command, set] of Object.entries((table as { commands: Record<string, { flags: Record<string, string> }> }).commands)) {
      const words = command === 'certs renew <cert>' ? ['certs', 'renew', 'apiserver'] : command.split(' ');
      for (const [flag, type] of Object.entries(set.flags)) {
        if (flag === 'help') continue;
        expect(kubeadmFlagError([...words, `--${flag}=${SAMPLE[type]}`], 33), `${command} --${flag}`).toBeUndefined();
      }
    }
  });

  it.each([
    [['init', '--apiserver-advertise-addres=192.168.6.171'], 'unknown flag: --apiserver-advertise-addres'],
    [['join', '192.168.6.171:6443', '--token'], 'flag needs an argument: --token'],
    [['token', 'create', '--ttl=2hours'], 'invalid argument "2hours" for "--ttl" flag: time: unknown unit "hours" in duration "2hours"'],
    [['upgrade', 'apply', 'v1.33.4', '-x'], "unknown shorthand flag: 'x' in -x"],
    // --experimental-upload-certs was renamed --upload-certs in v1.16
    [['init', '--experimental-upload-certs'], 'unknown flag: --experimental-upload-certs'],
    // not on upgrade node (it is an upgrade apply flag)
    [['upgrade', 'node', '--yes'], 'unknown flag: --yes'],
  ])('%j: %s', (args, error) => {
    expect(kubeadmFlagError(args, 33)).toBe(error);
  });

  it('knows that v1.32 has no upgrade plan --etcd-upgrade, and checks no other minor', () => {
    expect(kubeadmFlagError(['upgrade', 'plan', '--etcd-upgrade=false'], 33)).toBeUndefined();
    expect(kubeadmFlagError(['upgrade', 'plan', '--etcd-upgrade=false'], 32)).toBe('unknown flag: --etcd-upgrade');
    expect(kubeadmFlagError(['init', '--made-up'], 28)).toBeUndefined();
  });
});

describe('kubeadm with a flag it does not know', () => {
  it('prints the error and the hint, exits 1 and upgrades nothing', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', 'kubeadm upgrade apply v1.33.4 --yes --certificate-renewal=false --foo; echo "rc=$?"; ls /etc/kubernetes/tmp 2>/dev/null | wc -l');
    expect(r.stderr).toBe('unknown flag: --foo\nTo see the stack trace of this error execute with --v=5 or higher\n');
    expect(r.stdout).toBe('rc=1\n0\n');
  });
});
