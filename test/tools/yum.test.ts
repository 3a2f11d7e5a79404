import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run, usePackageNetwork } from './helpers';
import { bootWorld } from '../../src/runtime/session';
import { World, type WorldJSON } from '../../src/sim/world';
import { compareEvr, rpmvercmp } from '../../src/sim/packages/rpm/version';
import { parseIni } from '../../src/sim/packages/rpm/repos';

let snapshot: WorldJSON | undefined;
function centos(): World {
  snapshot ??= bootWorld('machines-centos', 1).toJSON();
  return World.fromJSON(JSON.parse(JSON.stringify(snapshot)) as WorldJSON);
}

const MIRROR = 'curl -s -o /etc/yum.repos.d/CentOS-Base.repo https://mirrors.aliyun.com/repo/Centos-7.repo\n';
const K8S_REPO = (minor: number) =>
  [
    'cat <<REPO > /etc/yum.repos.d/kubernetes.repo',
    '[kubernetes]',
    'name=Kubernetes',
    `baseurl=https://pkgs.k8s.io/core:/stable:/v1.${minor}/rpm/`,
    'enabled=1',
    'gpgcheck=1',
    `gpgkey=https://pkgs.k8s.io/core:/stable:/v1.${minor}/rpm/repodata/repomd.xml.key`,
    'exclude=kubelet kubeadm kubectl cri-tools kubernetes-cni',
    'REPO',
    '',
  ].join('\n');
const LEGACY_REPO = [
  'cat <<REPO > /etc/yum.repos.d/kubernetes.repo',
  '[kubernetes]',
  'name=Kubernetes',
  'baseurl=https://mirrors.aliyun.com/kubernetes/yum/repos/kubernetes-el7-x86_64/',
  'enabled=1',
  'gpgcheck=1',
  'repo_gpgcheck=1',
  'gpgkey=https://mirrors.aliyun.com/kubernetes/yum/doc/yum-key.gpg https://mirrors.aliyun.com/kubernetes/yum/doc/rpm-package-key.gpg',
  'REPO',
  '',
].join('\n');

beforeAll(() => usePackageNetwork());

describe('rpm versions and repo files', () => {
  it('orders as rpmvercmp does', () => {
    expect(rpmvercmp('1.10', '1.9')).toBe(1);
    expect(rpmvercmp('1.0~rc1', '1.0')).toBe(-1);
    expect(rpmvercmp('el7_9', 'el7')).toBe(1);
    expect(compareEvr('3:19.03.15-3.el7', '20.10.24-3.el7')).toBeGreaterThan(0);
    expect(compareEvr('1.20.9-0', '1.20.10-0')).toBeLessThan(0);
  });

  it('rpmvercmp is antisymmetric and reflexive', () => {
    const ver = fc.stringMatching(/^[0-9a-z.~]{1,12}$/);
    fc.assert(fc.property(ver, ver, (a, b) => Math.sign(rpmvercmp(a, b)) === -Math.sign(rpmvercmp(b, a)) && rpmvercmp(a, a) === 0));
  });

  it('repo files: sections, continuation lines, comments', () => {
    const ini = parseIni('# c\n[base]\nname=Base\nbaseurl=http://a/\n        http://b/\n#x=1\n[other]\nenabled=0\n');
    expect(ini.sections).toEqual([
      { name: 'base', values: { name: 'Base', baseurl: 'http://a/\nhttp://b/' } },
      { name: 'other', values: { enabled: '0' } },
    ]);
    expect(parseIni('baseurl=x\n').headerless).toBe(true);
  });
});

describe('yum on CentOS 7', () => {
  it('the stock repositories fail: mirrorlist.centos.org is gone since the end of life', async () => {
    const w = centos();
    const r = await run(w, 'yum install -y wget; echo rc=$?');
    expect(r.stdout).toBe('Loaded plugins: fastestmirror\nDetermining fastest mirrors\nrc=1\n');
    expect(r.stderr).toMatch(/^Could not retrieve mirrorlist http:\/\/mirrorlist\.centos\.org\/\?release=7&arch=x86_64&repo=os&infra=stock error was\n14: curl#6 - "Could not resolve host: mirrorlist\.centos\.org; Unknown error"\n/);
    expect(r.stderr).toMatch(/ One of the configured repositories failed \(Unknown\),\n/);
    expect(r.stderr.endsWith('Cannot find a valid baseurl for repo: base/7/x86_64\n')).toBe(true);
  });

  it('with a mirror: installs, knows what is installed, and refuses unknown packages', async () => {
    const w = centos();
    const r = await run(w, `${MIRROR}yum install -y wget >/dev/null; echo rc=$?\nyum install -y wget; echo rc=$?\nyum install -y nosuchpkg; echo rc=$?\nrpm -q wget nosuchpkg; echo rc=$?\nwhich wget`);
    expect(r.stdout).toBe(
      'rc=0\n' +
        'Loaded plugins: fastestmirror\nLoading mirror speeds from cached hostfile\nPackage wget-1.14-18.el7_6.1.x86_64 already installed and latest version\nNothing to do\nrc=0\n' +
        'Loaded plugins: fastestmirror\nLoading mirror speeds from cached hostfile\nNo package nosuchpkg available.\nrc=1\n' +
        'wget-1.14-18.el7_6.1.x86_64\npackage nosuchpkg is not installed\nrc=1\n/usr/bin/wget\n',
    );
    expect(r.stderr).toContain('Error: Nothing to do\n');
  });

  it('the transaction of an install with dependencies: table, key import, summary; no service started', async () => {
    const w = centos();
    const r = await run(w, `${MIRROR}yum install -y -q yum-utils >/dev/null\nyum-config-manager --add-repo http://mirrors.aliyun.com/docker-ce/linux/centos/docker-ce.repo\nyum install -y docker-ce-19.03.15`);
    expect(r.stdout).toContain(
      'Loaded plugins: fastestmirror\nadding repo from: http://mirrors.aliyun.com/docker-ce/linux/centos/docker-ce.repo\ngrabbing file http://mirrors.aliyun.com/docker-ce/linux/centos/docker-ce.repo to /etc/yum.repos.d/docker-ce.repo\nrepo saved to /etc/yum.repos.d/docker-ce.repo\n',
    );
    expect(r.stdout).toContain('---> Package docker-ce.x86_64 3:19.03.15-3.el7 will be installed\n--> Processing Dependency: containerd.io >= 1.2.2-3 for package: 3:docker-ce-19.03.15-3.el7.x86_64\n');
    expect(r.stdout).toContain('Installing:\n docker-ce ');
    expect(r.stdout).toMatch(/\nInstall {2}1 Package \(\+10 Dependent packages\)\n/);
    // docker-ce-cli has no version constraint: yum takes the newest, as it really does.
    expect(r.stdout).toMatch(/\n docker-ce-cli +x86_64 +1:26\.1\.4-1\.el7 /);
    expect(r.stdout).toContain('Importing GPG key 0x621E9F35:\n');
    expect(r.stdout.endsWith('\nComplete!\n')).toBe(true);
    const after = await run(w, 'rpm -qa | grep -E "^docker|^containerd"\nsystemctl is-enabled docker; systemctl is-active docker');
    expect(after.stdout).toBe('containerd.io-1.6.33-3.1.el7.x86_64\ndocker-ce-19.03.15-3.el7.x86_64\ndocker-ce-cli-26.1.4-1.el7.x86_64\ndisabled\ninactive\n');
  });

  it('excludes hide packages until --disableexcludes; rpm installs leave kubelet disabled', async () => {
    const w = centos();
    const r = await run(
      w,
      `${MIRROR}${K8S_REPO(29)}yum install -y kubeadm >/dev/null; echo rc=$?\nyum list --showduplicates kubeadm --disableexcludes=kubernetes | tail -2\nyum install -y -q kubelet kubeadm kubectl --disableexcludes=kubernetes >/dev/null; echo rc=$?\nrpm -q kubeadm kubelet kubectl kubernetes-cni cri-tools\nsystemctl is-enabled kubelet\ncat /etc/sysconfig/kubelet`,
    );
    expect(r.stdout).toBe(
      'rc=1\n' +
        'kubeadm.x86_64                          1.29.14-150500.1.1        kubernetes\nkubeadm.x86_64                          1.29.15-150500.1.1        kubernetes\n' +
        'rc=0\nkubeadm-1.29.15-150500.1.1.x86_64\nkubelet-1.29.15-150500.1.1.x86_64\nkubectl-1.29.15-150500.1.1.x86_64\nkubernetes-cni-1.3.0-150500.1.1.x86_64\ncri-tools-1.29.0-150500.1.1.x86_64\ndisabled\nKUBELET_EXTRA_ARGS=\n',
    );
    expect(r.stderr).toContain('Error: Nothing to do\n');
  });

  it('update moves to a newer version; remove takes the packages that need it', async () => {
    const w = centos();
    const r = await run(
      w,
      `${MIRROR}${LEGACY_REPO}yum install -y -q kubelet-1.20.9 kubeadm-1.20.9 kubectl-1.20.9 >/dev/null; echo rc=$?\nrpm -q kubeadm\nyum update -y kubeadm-1.21.0-0 | grep -E "will be (updated|an update)|^Upgrade|^Updated:|kubeadm.x86_64 0:1.21"\nrpm -q kubeadm\nyum update -y nosuch | tail -1\nyum remove -y kubelet | grep -E "^(Removing|Remove|Removed|Dependency Removed):?|erased"`,
    );
    expect(r.stdout).toBe(
      'rc=0\nkubeadm-1.20.9-0.x86_64\n' +
        '---> Package kubeadm.x86_64 0:1.20.9-0 will be updated\n---> Package kubeadm.x86_64 0:1.21.0-0 will be an update\nUpgrade  1 Package\nUpdated:\n  kubeadm.x86_64 0:1.21.0-0\n' +
        'kubeadm-1.21.0-0.x86_64\nNo packages marked for update\n' +
        '---> Package kubelet.x86_64 0:1.20.9-0 will be erased\n---> Package kubeadm.x86_64 0:1.21.0-0 will be erased\nRemoving:\nRemove  2 Packages\nRemoved:\nDependency Removed:\n',
    );
  });

  it('repo_gpgcheck imports the repository key before the metadata; without gpgkey the signature cannot be verified', async () => {
    const w = centos();
    const r = await run(w, `${MIRROR}${LEGACY_REPO}yum makecache | grep -E "Importing|From|kubernetes/signature" | head -3`);
    expect(r.stdout).toBe(
      'kubernetes/signature                                     |  454 B  00:00:00     \nImporting GPG key 0xA7317B0F:\n From       : https://mirrors.aliyun.com/kubernetes/yum/doc/yum-key.gpg\n',
    );
    const bad = centos();
    const f = await run(bad, `${MIRROR}${LEGACY_REPO}sed -i '/^gpgkey/d' /etc/yum.repos.d/kubernetes.repo\nyum makecache; echo rc=$?`);
    expect(f.stdout.endsWith('rc=1\n')).toBe(true);
    expect(f.stderr).toContain('https://mirrors.aliyun.com/kubernetes/yum/repos/kubernetes-el7-x86_64/repodata/repomd.xml: [Errno -1] repomd.xml signature could not be verified for kubernetes\n');
  });

  it('downgrade replaces a newer package with an older one', async () => {
    const w = centos();
    const r = await run(w, `${MIRROR}${LEGACY_REPO}yum install -y -q kubectl-1.21.0 >/dev/null 2>&1\nyum downgrade -y kubectl-1.20.9 | grep -E "downgrade$|erased$|^Downgrade|^(Removed|Installed):" \nrpm -q kubectl\nyum downgrade -y kubectl-1.21.0; echo rc=$?`);
    expect(r.stdout).toBe(
      '---> Package kubectl.x86_64 0:1.20.9-0 will be a downgrade\n---> Package kubectl.x86_64 0:1.21.0-0 will be erased\nDowngrade  1 Package\nRemoved:\nInstalled:\nkubectl-1.20.9-0.x86_64\n' +
        'Loaded plugins: fastestmirror\nLoading mirror speeds from cached hostfile\nOnly Upgrade available on package: kubectl-1.21.0-0.x86_64\nrc=1\n',
    );
  });

  it('yum is not on Ubuntu, apt is not on CentOS', async () => {
    const ubuntu = bootWorld('machines', 1);
    expect((await run(ubuntu, 'yum install -y wget')).stderr).toBe('bash: line 1: yum: command not found\n');
    expect((await run(centos(), 'apt-get update')).stderr).toBe('bash: line 1: apt-get: command not found\n');
  });
});
