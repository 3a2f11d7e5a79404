import { describe, expect, it } from 'vitest';
import { freshWorld, run } from './helpers';

describe('chrony from Ubuntu archive, systemd-modules-load', () => {
  it('chrony installs, runs, and chronyc reports an offline daemon', async () => {
    const w = freshWorld();
    const before = await run(w, 'chronyc sources; echo rc=$?');
    expect(before.stderr).toMatch(/chronyc: command not found/);
    const r = await run(w, 'apt-get update -q >/dev/null && apt-get install -y chrony >/dev/null\nsystemctl is-enabled chrony; systemctl is-active chrony\nchronyc sources\nchronyc tracking | grep -E "^(Stratum|Leap status)"');
    expect(r.stdout).toBe(
      'enabled\nactive\n' +
        'MS Name/IP address         Stratum Poll Reach LastRx Last sample               \n' +
        '='.repeat(79) + '\n' +
        'Stratum         : 0\nLeap status     : Not synchronised\n',
    );
    const stopped = await run(w, 'systemctl stop chrony; chronyc tracking; echo rc=$?');
    expect(stopped.stderr).toBe('506 Cannot talk to daemon\n');
    expect(stopped.stdout).toBe('rc=1\n');
  });

  it('restarting systemd-modules-load loads modules-load.d, and fails on a missing module', async () => {
    const w = freshWorld();
    const r = await run(w, 'printf "ip_vs\\nip_vs_rr\\nip_vs_wrr\\nip_vs_sh\\nnf_conntrack\\n" > /etc/modules-load.d/ipvs.conf\nsystemctl restart systemd-modules-load; echo rc=$?\nlsmod | awk \'{print $1}\' | grep -e ip_vs -e nf_conntrack | sort');
    expect(r.stdout).toBe('rc=0\nip_vs\nip_vs_rr\nip_vs_sh\nip_vs_wrr\nnf_conntrack\n');
    const bad = await run(w, 'echo nf_conntrack_ipv4 > /etc/modules-load.d/old.conf\nsystemctl restart systemd-modules-load; echo rc=$?\nsystemctl is-active systemd-modules-load\njournalctl -u systemd-modules-load --no-pager | grep -c "Failed to find module \'nf_conntrack_ipv4\'"');
    expect(bad.stdout).toBe('rc=1\nfailed\n1\n');
  });
});
