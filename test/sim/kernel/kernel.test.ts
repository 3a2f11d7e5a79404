import { describe, expect, it } from 'vitest';
import { freshWorld, run } from '../../tools/helpers';
import { readModules } from '../../../src/sim/kernel/modules';
import { readSwaps } from '../../../src/sim/kernel/swap';
import { parseSysctlConf } from '../../../src/sim/kernel/sysctl';

/** The module and sysctl files of the Ubuntu/containerd seed, written as the seed writes them. */
const K8S_CONF = [
  'cat <<EOF | tee /etc/modules-load.d/k8s.conf >/dev/null',
  'overlay',
  'br_netfilter',
  'EOF',
  'cat <<EOF | tee /etc/sysctl.d/k8s.conf >/dev/null',
  'net.bridge.bridge-nf-call-iptables  = 1',
  'net.bridge.bridge-nf-call-ip6tables = 1',
  'net.ipv4.ip_forward                 = 1',
  'EOF',
  '',
].join('\n');

describe('swap', () => {
  it('swapoff -a empties /proc/swaps; swapon -a brings back the fstab line', async () => {
    const w = freshWorld();
    const m = w.machines.get('cka01')!;
    expect(readSwaps(m.rootFs)).toHaveLength(1);
    let r = await run(w, 'swapoff -a\ncat /proc/swaps\nswapon --show\necho rc=$?');
    expect(r.stdout).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\nrc=0\n');
    r = await run(w, 'swapon -a\nswapon --show');
    expect(r.stdout).toBe('NAME      TYPE SIZE USED PRIO\n/swap.img file   4G   0B   -2\n');
  });

  it('swapon --show takes columns, --noheadings, --raw and --bytes; an unknown column is refused', async () => {
    const w = freshWorld();
    const r = await run(w, 'swapon --show\nswapon --show=NAME --noheadings\nswapon --show=name,PRIO --raw\nswapon --show=NOPE; echo rc=$?');
    // libsmartcols: text columns to the left (the last one unpadded), numbers to the right.
    expect(r.stdout).toBe('NAME      TYPE SIZE USED PRIO\n/swap.img file   4G   0B   -2\n/swap.img\nNAME PRIO\n/swap.img -2\nrc=1\n');
    expect(r.stderr).toBe('swapon: unknown column: NOPE\n');
  });

  it('refuses a normal user', async () => {
    const w = freshWorld();
    const r = await run(w, 'swapoff -a; echo rc=$?', { user: 'ubuntu' });
    // swapoff(2) checks CAP_SYS_ADMIN first; util-linux 2.37.2 words EPERM so and exits 16 (as jammy's does for a user).
    expect(r.stderr).toBe('swapoff: Not superuser.\n');
    expect(r.stdout).toBe('rc=16\n');
    expect(readSwaps(w.machines.get('cka01')!.rootFs)).toHaveLength(1);
  });
});

describe('modules', () => {
  it('modprobe br_netfilter loads its dependencies and creates net.bridge keys', async () => {
    const w = freshWorld();
    let r = await run(w, 'sysctl net.bridge.bridge-nf-call-iptables; echo rc=$?');
    expect(r.stderr).toBe('sysctl: cannot stat /proc/sys/net/bridge/bridge-nf-call-iptables: No such file or directory\n');
    expect(r.stdout).toBe('rc=255\n');
    r = await run(w, 'modprobe overlay && modprobe br_netfilter\nlsmod | grep -E "^(br_netfilter|bridge|overlay|stp|llc) "\nsysctl net.bridge.bridge-nf-call-iptables');
    expect(r.stdout).toBe(
      'br_netfilter           32768  0\n' +
        'bridge                311296  1 br_netfilter\n' +
        'stp                    16384  1 bridge\n' +
        'llc                    16384  2 bridge,stp\n' +
        'overlay               151552  0\n' +
        'net.bridge.bridge-nf-call-iptables = 1\n',
    );
    expect(readModules(w.machines.get('cka01')!.rootFs)[0].name).toBe('br_netfilter');
  });

  it('fails like kmod for unknown modules and for normal users', async () => {
    const w = freshWorld();
    let r = await run(w, 'modprobe br-netfiltr; echo rc=$?');
    expect(r.stderr).toBe('modprobe: FATAL: Module br-netfiltr not found in directory /lib/modules/5.15.0-151-generic\n');
    expect(r.stdout).toBe('rc=1\n');
    r = await run(w, 'modprobe overlay; echo rc=$?', { user: 'ubuntu' });
    expect(r.stderr).toBe("modprobe: ERROR: could not insert 'overlay': Operation not permitted\n");
  });
});

describe('sysctl', () => {
  it('-w sets and prints; reading prints key = value; -n prints the value', async () => {
    const w = freshWorld();
    const r = await run(w, 'sysctl net.ipv4.ip_forward\nsysctl -w net.ipv4.ip_forward=1\nsysctl -n net.ipv4.ip_forward\ncat /proc/sys/net/ipv4/ip_forward');
    expect(r.stdout).toBe('net.ipv4.ip_forward = 0\nnet.ipv4.ip_forward = 1\n1\n1\n');
  });

  it('--system applies sysctl.d in order, with errors for bridge keys before br_netfilter', async () => {
    const w = freshWorld();
    const r = await run(w, `${K8S_CONF}sysctl --system; echo rc=$?`);
    expect(r.stdout).toBe('* Applying /etc/sysctl.d/99-sysctl.conf ...\n* Applying /etc/sysctl.d/k8s.conf ...\nnet.ipv4.ip_forward = 1\n* Applying /etc/sysctl.conf ...\nrc=255\n');
    expect(r.stderr).toBe(
      'sysctl: cannot stat /proc/sys/net/bridge/bridge-nf-call-iptables: No such file or directory\n' +
        'sysctl: cannot stat /proc/sys/net/bridge/bridge-nf-call-ip6tables: No such file or directory\n',
    );
    const ok = await run(w, 'modprobe br_netfilter\nsysctl --system >/dev/null; echo rc=$?\nsysctl net.bridge.bridge-nf-call-ip6tables');
    expect(ok.stdout).toBe('rc=0\nnet.bridge.bridge-nf-call-ip6tables = 1\n');
  });

  it('refuses writes from a normal user and changes nothing', async () => {
    const w = freshWorld();
    const r = await run(w, 'sysctl -w net.ipv4.ip_forward=1; echo rc=$?; sysctl -n net.ipv4.ip_forward', { user: 'ubuntu' });
    expect(r.stderr).toBe('sysctl: permission denied on key "net.ipv4.ip_forward"\n');
    expect(r.stdout).toBe('rc=255\n0\n');
  });

  it('-w without a value is a usage error', async () => {
    const r = await run(freshWorld(), 'sysctl -w net.ipv4.ip_forward; echo rc=$?');
    expect(r.stderr).toBe('sysctl: "net.ipv4.ip_forward" must be of the form name=value\n');
    expect(r.stdout).toBe('rc=255\n');
  });

  it('parses conf lines with comments, optional keys and bad lines', () => {
    expect(parseSysctlConf('# c\n; c\n-net.x = 1\nnet.y=2\nbad line\n')).toEqual([
      { key: 'net.x', value: '1', optional: true },
      { key: 'net.y', value: '2', optional: false },
      { error: 'bad line', line: 5 },
    ]);
  });
});

describe('reboot', () => {
  it('keeps what was persisted and loses what was only set at runtime', async () => {
    const w = freshWorld();
    await run(w, `${K8S_CONF}swapoff -a\nmodprobe vxlan\nsysctl -w vm.swappiness=10 >/dev/null\nsed -i '/swap/ s/^/#/' /etc/fstab`);
    const r = await run(w, 'reboot');
    expect(r.stderr).toBe('Connection to cka01 closed by remote host.\n');
    const after = await run(w, 'cat /proc/swaps | wc -l; lsmod | grep -c -E "^(overlay|br_netfilter|vxlan) "; sysctl -n net.ipv4.ip_forward vm.swappiness net.bridge.bridge-nf-call-iptables');
    expect(after.stdout).toBe('1\n2\n1\n60\n1\n');
  });

  it('without a commented fstab line, swap comes back after a reboot', async () => {
    const w = freshWorld();
    await run(w, 'swapoff -a\nreboot');
    expect((await run(w, 'swapon --show | tail -n +2')).stdout).toBe('/swap.img file   4G   0B   -2\n');
  });
});

describe('hostnamectl', () => {
  it('set-hostname writes /etc/hostname and the running name', async () => {
    const w = freshWorld();
    const r = await run(w, 'hostnamectl set-hostname master01\ncat /etc/hostname /proc/sys/kernel/hostname\nhostnamectl | head -1');
    expect(r.stdout).toBe('master01\nmaster01\n Static hostname: master01\n');
    const bad = await run(w, 'hostnamectl set-hostname x; hostnamectl set-hostname; echo rc=$?', { user: 'ubuntu' });
    expect(bad.stderr).toBe('Could not set static hostname: Access denied\nToo few arguments.\n');
  });
});
