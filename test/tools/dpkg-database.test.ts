/** dpkg's database follows the machine's packages: what apt removes leaves it, and files carry their package's dates. */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('the dpkg database of a node', () => {
  it('dates a package by its unpacked files', async () => {
    const w = bootWorld('cluster');
    const r = await runScript(w, 'cka01', "dpkg-query -W -f='${db-fsys:Last-Modified}\\n' kubelet; stat -c %Y /usr/bin/kubelet");
    const [listed, file] = r.stdout.trim().split('\n');
    expect(listed).toMatch(/^\d+$/);
    expect(listed).toBe(file);
  });

  it('forgets a package apt removed', async () => {
    const w = bootWorld('cluster');
    const r = await runScript(w, 'cka01', 'apt-get remove -y --allow-change-held-packages kubectl >/dev/null 2>&1; dpkg -S /usr/bin/kubectl; dpkg -l kubectl; dpkg -L kubectl; echo rc=$?');
    expect(r.stdout).toBe('rc=1\n');
    expect(r.stderr).toBe(
      'dpkg-query: no path found matching pattern /usr/bin/kubectl\n' +
        'dpkg-query: no packages found matching kubectl\n' +
        "dpkg-query: package 'kubectl' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n",
    );
  });

  it('keeps writing actions to root (the real dpkg run as nobody answers so)', async () => {
    const w = bootWorld('cluster');
    const r = await runScript(w, 'cka01', 'dpkg -i nosuch.deb; echo rc=$?; dpkg -r kubectl; echo rc=$?; dpkg -l kubectl | tail -1', 'ubuntu');
    expect(r.stderr).toBe('dpkg: error: requested operation requires superuser privilege\n'.repeat(2));
    expect(r.stdout).toMatch(/^rc=2\nrc=2\nhi {2}kubectl +1\.33\.4-1\.1 /);
  });

  it('takes holds from --set-selections where apt-mark sees them', async () => {
    const w = bootWorld('cluster');
    const r = await runScript(w, 'cka01', 'echo "kubelet install" | dpkg --set-selections; apt-mark showhold; echo kubelet hold | dpkg --set-selections; apt-mark showhold | grep -c kubelet');
    expect(r.stdout).toBe('kubeadm\nkubectl\n1\n');
  });
});
