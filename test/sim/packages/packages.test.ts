import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshWorld, run, usePackageNetwork, worldOf } from '../../tools/helpers';
import { compareDebVersions } from '../../../src/sim/packages/version';
import { parseSourcesList } from '../../../src/sim/packages/sources';
import { packagesState } from '../../../src/sim/packages/db';

/** The pkgs.k8s.io steps of the Ubuntu seed (v1.29), as root. */
const K8S_REPO = [
  'curl -fsSL https://pkgs.k8s.io/core:/stable:/v1.29/deb/Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg',
  "echo 'deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.29/deb/ /' | tee /etc/apt/sources.list.d/kubernetes.list >/dev/null",
  '',
].join('\n');

beforeAll(() => usePackageNetwork());

describe('Debian versions', () => {
  it('orders like dpkg', () => {
    const ordered = ['1.0~rc1', '1.0', '1.28.2-00', '1.28.2-1.1', '1.28.10-1.1', '1.29.0-1.1', '1:1.0'];
    expect([...ordered].reverse().sort(compareDebVersions)).toEqual(ordered);
    expect(compareDebVersions('1.28.2-1.1', '1.28.10-1.1')).toBeLessThan(0);
    expect(compareDebVersions('1.0~rc1', '1.0')).toBeLessThan(0);
    expect(compareDebVersions('1:1.0', '2.0')).toBeGreaterThan(0);
    expect(compareDebVersions('5:27.5.1-1~ubuntu.22.04~jammy', '5:26.1.4-1~ubuntu.22.04~jammy')).toBeGreaterThan(0);
  });

  it('is antisymmetric and reflexive (property)', () => {
    const part = fc.stringMatching(/^[0-9][0-9a-z.~+]{0,6}$/);
    fc.assert(
      fc.property(part, part, (a, b) => {
        expect(Math.sign(compareDebVersions(a, b)) + Math.sign(compareDebVersions(b, a))).toBe(0);
        expect(compareDebVersions(a, a)).toBe(0);
      }),
    );
  });
});

describe('sources', () => {
  it('parses one-line entries with options and flat repositories', () => {
    const [e] = parseSourcesList('f', 'deb [signed-by=/k.gpg arch=amd64] https://pkgs.k8s.io/core:/stable:/v1.29/deb/ /\n');
    expect(e).toMatchObject({ options: { 'signed-by': '/k.gpg', arch: 'amd64' }, uri: 'https://pkgs.k8s.io/core:/stable:/v1.29/deb/', suite: '/', components: [] });
    expect(parseSourcesList('f', 'deb https://x/ jammy\n')[0]).toEqual({ file: 'f', line: 1, reason: 'Component' });
  });
});

describe('apt-get', () => {
  it('downloads the transitional apt-transport-https as the 1510-byte package it is', async () => {
    const r = await run(freshWorld(), 'apt-get install -y apt-transport-https | grep -E "^(Need to get|Get:1|After this)"');
    expect(r.stdout).toBe(
      'Need to get 1510 B of archives.\nAfter this operation, 173 kB of additional disk space will be used.\n' +
        'Get:1 http://archive.ubuntu.com/ubuntu jammy-updates/universe amd64 apt-transport-https all 2.4.14 [1510 B]\n',
    );
  });

  it('cannot find kubeadm before the repository is added', async () => {
    const r = await run(freshWorld(), 'apt-get install -y kubeadm; echo rc=$?');
    expect(r.stdout).toBe('Reading package lists...\nBuilding dependency tree...\nReading state information...\nrc=100\n');
    expect(r.stderr).toBe('E: Unable to locate package kubeadm\n');
  });

  it('update fetches pkgs.k8s.io once the key and source are in place; then Hit', async () => {
    const w = freshWorld();
    let r = await run(w, `${K8S_REPO}apt-get update; echo rc=$?`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'Hit:1 http://archive.ubuntu.com/ubuntu jammy InRelease\n' +
        'Hit:2 http://archive.ubuntu.com/ubuntu jammy-updates InRelease\n' +
        'Hit:3 http://archive.ubuntu.com/ubuntu jammy-backports InRelease\n' +
        'Hit:4 http://security.ubuntu.com/ubuntu jammy-security InRelease\n' +
        'Get:5 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.29/deb  InRelease [1215 B]\n' +
        'Get:6 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.29/deb  Packages [5433 B]\n' +
        'Fetched 6648 B in 1s (5518 B/s)\n' +
        'Reading package lists...\nrc=0\n',
    );
    r = await run(w, 'apt-get update | grep k8s');
    expect(r.stdout).toBe('Hit:5 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.29/deb  InRelease\n');
  });

  it('refuses an unsigned repository (no keyring) with apt-secure notes', async () => {
    const w = freshWorld();
    const r = await run(w, "echo 'deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.29/deb/ /' > /etc/apt/sources.list.d/kubernetes.list\napt-get update >/dev/null; echo rc=$?");
    expect(r.stderr).toBe(
      "W: GPG error: https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.29/deb  InRelease: The following signatures couldn't be verified because the public key is not available: NO_PUBKEY 234654DA9A296436\n" +
        "E: The repository 'https://pkgs.k8s.io/core:/stable:/v1.29/deb  InRelease' is not signed.\n" +
        "N: Updating from such a repository can't be done securely, and is therefore disabled by default.\n" +
        'N: See apt-secure(8) manpage for repository creation and user configuration details.\n',
    );
    expect(r.stdout).toBe('rc=100\n');
  });

  it('installs kubelet kubeadm kubectl with dependencies, files and a crash-looping kubelet', async () => {
    const w = freshWorld();
    await run(w, `${K8S_REPO}apt-get update >/dev/null`);
    const r = await run(w, 'apt-get install -y kubelet kubeadm kubectl; echo rc=$?');
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('The following additional packages will be installed:\n  conntrack cri-tools ebtables kubernetes-cni socat\n');
    expect(out).toContain('The following NEW packages will be installed:\n  conntrack cri-tools ebtables kubeadm kubectl kubelet kubernetes-cni socat\n');
    expect(out).toContain('0 upgraded, 8 newly installed, 0 to remove and 0 not upgraded.\n');
    expect(out).toContain('Get:1 http://archive.ubuntu.com/ubuntu jammy/main amd64 conntrack amd64 1:1.4.6-2build2 [');
    expect(out).toContain('Get:4 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.29/deb  kubeadm 1.29.15-1.1 [');
    expect(out).toContain('Preparing to unpack .../0-conntrack_1%3a1.4.6-2build2_amd64.deb ...\n');
    expect(out).toContain('Setting up kubelet (1.29.15-1.1) ...\nCreated symlink /etc/systemd/system/multi-user.target.wants/kubelet.service → /lib/systemd/system/kubelet.service.\n');
    expect(out.endsWith('Processing triggers for man-db (2.10.2-1) ...\nrc=0\n')).toBe(true);
    const after = await run(w, 'which kubeadm kubelet crictl; ls /usr/lib/systemd/system/kubelet.service.d; systemctl is-active kubelet; systemctl is-enabled kubelet');
    expect(after.stdout).toBe('/usr/bin/kubeadm\n/usr/bin/kubelet\n/usr/bin/crictl\n10-kubeadm.conf\nactivating\nenabled\n');
    expect(packagesState(w.machines.get('cka01')!).installed.socat.auto).toBe(true);
  });

  it('knows versions: madison, policy, pinned installs and a wrong version', async () => {
    const w = freshWorld();
    await run(w, `${K8S_REPO}apt-get update >/dev/null`);
    let r = await run(w, 'apt-cache madison kubeadm | head -2');
    expect(r.stdout).toBe('   kubeadm | 1.29.15-1.1 | https://pkgs.k8s.io/core:/stable:/v1.29/deb  Packages\n   kubeadm | 1.29.14-1.1 | https://pkgs.k8s.io/core:/stable:/v1.29/deb  Packages\n');
    r = await run(w, "apt-get install -y kubeadm=1.28.2-00; echo rc=$?");
    expect(r.stderr).toBe("E: Version '1.28.2-00' for 'kubeadm' was not found\n");
    expect(r.stdout.endsWith('rc=100\n')).toBe(true);
    r = await run(w, 'apt-get install -y kubeadm=1.29.1-1.1 >/dev/null; apt-cache policy kubeadm | head -6');
    expect(r.stdout).toBe('kubeadm:\n  Installed: 1.29.1-1.1\n  Candidate: 1.29.15-1.1\n  Version table:\n     1.29.15-1.1 500\n        500 https://pkgs.k8s.io/core:/stable:/v1.29/deb  Packages\n');
  });

  it('held packages refuse to change with -y, and are kept back by upgrade', async () => {
    const w = freshWorld();
    await run(w, `${K8S_REPO}apt-get update >/dev/null\napt-get install -y kubeadm=1.29.1-1.1 >/dev/null`);
    let r = await run(w, 'apt-mark hold kubeadm; apt-mark hold kubeadm; apt-mark showhold');
    expect(r.stdout).toBe('kubeadm set on hold.\nkubeadm was already set on hold.\nkubeadm\n');
    r = await run(w, 'apt-get install -y kubeadm=1.29.2-1.1; echo rc=$?');
    expect(r.stdout).toContain('The following held packages will be changed:\n  kubeadm\nThe following packages will be upgraded:\n  kubeadm\n1 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\nrc=100\n');
    expect(r.stderr).toBe('E: Held packages were changed and -y was used without --allow-change-held-packages.\n');
    r = await run(w, 'apt-get upgrade -y | grep -A1 "kept back"');
    expect(r.stdout).toBe('The following packages have been kept back:\n  kubeadm\n');
    r = await run(w, 'apt-get install -y --allow-change-held-packages kubeadm=1.29.2-1.1 >/dev/null; dpkg -l kubeadm | tail -1');
    expect(r.stdout).toMatch(/^hi {2}kubeadm +1\.29\.2-1\.1 +amd64 +Command-line utility for administering a Kubernetes cluster\n$/);
    r = await run(w, 'apt-mark unhold kubeadm');
    expect(r.stdout).toBe('Canceled hold on kubeadm.\n');
  });

  it('a normal user gets the lock errors and nothing changes', async () => {
    const w = freshWorld();
    const r = await run(w, 'apt-get install -y socat; echo rc=$?; apt-get update; echo rc=$?', { user: 'ubuntu' });
    expect(r.stderr).toBe(
      'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n' +
        'E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\nW: Problem unlinking the file /var/cache/apt/pkgcache.bin - RemoveCaches (13: Permission denied)\nW: Problem unlinking the file /var/cache/apt/srcpkgcache.bin - RemoveCaches (13: Permission denied)\n',
    );
    expect(r.stdout).toBe('rc=100\nrc=100\n');
    expect(packagesState(w.machines.get('cka01')!).installed.socat).toBeUndefined();
  });

  it('without -y, end of input aborts', async () => {
    const r = await run(freshWorld(), 'apt-get install socat < /dev/null; echo rc=$?');
    expect(r.stdout).toContain('Do you want to continue? [Y/n] \nAbort.\nrc=1\n');
  });

  it('containerd.io from Docker ships a config with the CRI plugin disabled', async () => {
    const w = freshWorld();
    const r = await run(
      w,
      [
        'curl -fsSL https://download.docker.com/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc',
        'echo "deb [arch=$(dpkg --print-architecture) signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu jammy stable" > /etc/apt/sources.list.d/docker.list',
        'apt-get update >/dev/null && apt-get install -y containerd.io >/dev/null; echo rc=$?',
        'grep disabled_plugins /etc/containerd/config.toml; systemctl is-active containerd; which ctr runc',
      ].join('\n'),
    );
    expect(r.stdout).toBe('rc=0\ndisabled_plugins = ["cri"]\nactive\n/usr/bin/ctr\n/usr/bin/runc\n');
  });

  it('an armored key saved as .gpg is ignored by apt (unsupported filetype)', async () => {
    const w = freshWorld();
    const r = await run(
      w,
      "curl -fsSL https://pkgs.k8s.io/core:/stable:/v1.29/deb/Release.key -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg\necho 'deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.29/deb/ /' > /etc/apt/sources.list.d/kubernetes.list\napt-get update 2>&1 >/dev/null | head -1",
    );
    expect(r.stdout).toBe('W: https://pkgs.k8s.io/core:/stable:/v1.29/deb/InRelease: The key(s) in the keyring /etc/apt/keyrings/kubernetes-apt-keyring.gpg are ignored as the file has an unsupported filetype.\n');
  });

  it('the retired apt.kubernetes.io repository has no Release file', async () => {
    const w = freshWorld();
    const r = await run(w, "echo 'deb https://apt.kubernetes.io/ kubernetes-xenial main' > /etc/apt/sources.list.d/kubernetes.list\napt-get update 2>&1 >/dev/null | head -1");
    expect(r.stdout).toBe("E: The repository 'https://apt.kubernetes.io kubernetes-xenial Release' does not have a Release file.\n");
  });
});

describe('a kubeadm node as the install guide left it', () => {
  it('knows the lists of its pkgs.k8s.io source: madison before any update, then Hit for it', async () => {
    const world = worldOf('upgrade');
    const before = await run(world, 'apt-cache madison kubeadm | head -2');
    expect(before.stdout).toBe(
      '   kubeadm | 1.32.8-1.1 | https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages\n' +
        '   kubeadm | 1.32.7-1.1 | https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages\n',
    );
    const update = await run(world, 'apt-get update');
    expect(update.stdout).toContain('Hit:5 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.32/deb  InRelease\n');
    expect(update.stdout).not.toContain('v1.32/deb  Packages');
  });
});

describe('gpg --dearmor', () => {
  it('refuses to overwrite without a terminal', async () => {
    const w = freshWorld();
    const r = await run(w, `${K8S_REPO}${K8S_REPO}echo rc=$?`);
    expect(r.stderr).toBe("File '/etc/apt/keyrings/kubernetes-apt-keyring.gpg' exists. Overwrite? (y/N) \ngpg: cannot open '/dev/tty': No such device or address\n");
  });
});

describe('apt list and dpkg', () => {
  it('lists installed packages as apt does', async () => {
    const w = freshWorld();
    await run(w, `${K8S_REPO}apt-get update >/dev/null\napt-get install -y kubectl >/dev/null`);
    const r = await run(w, 'apt list --installed 2>/dev/null | grep kubectl; dpkg -l nosuch; echo rc=$?');
    expect(r.stdout).toBe('kubectl/unknown,now 1.29.15-1.1 amd64 [installed]\nrc=1\n');
    expect(r.stderr).toBe('dpkg-query: no packages found matching nosuch\n');
  });
});
