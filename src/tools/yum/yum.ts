/**
 * yum 3.4.3 as on CentOS 7: install, update/upgrade, remove/erase, list, makecache, clean,
 * repolist — a table of commands over the repositories in /etc/yum.repos.d and the rpm database.
 * The stock CentOS-Base.repo names mirrorlist.centos.org, which no longer resolves since CentOS 7's
 * end of life: until the repositories point at a mirror, yum fails as it does today.
 */
import type { CommandContext, Program } from '../../shell/command';
import type { Machine } from '../../sim/machine/machine';
import { packagesState } from '../../sim/packages/db';
import { matchSpec, newestFirst, nevra, repoDefOf, repoViews, resolve, visiblePackages, yumState, type Candidate, type PlanItem, type RepoView, type YumOptions } from '../../sim/packages/rpm/db';
import { eraseRpm, installRpm } from '../../sim/packages/rpm/install';
import { compareEvr, withoutEpoch } from '../../sim/packages/rpm/version';
import { isRoot, machineOf, out, worldOf } from '../lib/context';
import { downloadSize, listRow, packageColumns, progressRow, RULE, shownEvr, transactionTable, yumSize } from './output';

interface Parsed {
  command?: string;
  args: string[];
  yes: boolean;
  quiet: boolean;
  showDuplicates: boolean;
  opts: YumOptions;
  bad?: string;
}

function parse(argv: string[]): Parsed {
  const p: Parsed = { args: [], yes: false, quiet: false, showDuplicates: false, opts: { enableRepos: [], disableRepos: [], disableExcludes: [] } };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => (a.startsWith(`${name}=`) ? a.slice(name.length + 1) : argv[++i] ?? '');
    if (a === '-y' || a === '--assumeyes') p.yes = true;
    else if (a === '-q' || a === '--quiet') p.quiet = true;
    else if (a === '--showduplicates') p.showDuplicates = true;
    else if (a.startsWith('--disableexcludes')) p.opts.disableExcludes.push(...value('--disableexcludes').split(','));
    else if (a.startsWith('--enablerepo')) p.opts.enableRepos.push(...value('--enablerepo').split(','));
    else if (a.startsWith('--disablerepo')) p.opts.disableRepos.push(...value('--disablerepo').split(','));
    else if (a === '--nogpgcheck' || a === '--skip-broken' || a === '-C' || a === '--cacheonly' || a === '--setopt' || a.startsWith('--setopt=') || a === '-v' || a === '--verbose') {
      if (a === '--setopt') i++;
    } else if (a.startsWith('-') && a !== '-') {
      p.bad = a;
      return p;
    } else if (!p.command) p.command = a;
    else p.args.push(a);
  }
  return p;
}

const FAILED_REPO_HELP = `

 One of the configured repositories failed (%NAME%),
 and yum doesn't have enough cached data to continue. At this point the only
 safe thing yum can do is fail. There are a few ways to work "fix" this:

     1. Contact the upstream for the repository and get them to fix the problem.

     2. Reconfigure the baseurl/etc. for the repository, to point to a working
        upstream. This is most often useful if you are using a newer
        distribution release than is supported by the repository (and the
        packages for the previous distribution release still work).

     3. Run the command with the repository temporarily disabled
            yum --disablerepo=%ID% ...

     4. Disable the repository permanently, so yum won't use it by default. Yum
        will then just ignore the repository until you permanently enable it
        again or use --enablerepo for temporary usage:

            yum-config-manager --disable %ID%
        or
            subscription-manager repos --disable=%ID%

     5. Configure the failing repository to be skipped, if it is unavailable.
        Note that yum will try to contact the repo. when it runs most commands,
        so will have to try and fail each time (and thus. yum will be be much
        slower). If it is a very temporary problem though, this is often a nice
        compromise:

            yum-config-manager --save --setopt=%ID%.skip_if_unavailable=true

`;

/** The message of a repository whose metadata cannot be fetched. */
function repoFailure(v: RepoView): string {
  const id = v.config.id;
  if (v.config.kind === 'mirrorlist') {
    return `Could not retrieve mirrorlist ${v.failedUrl} error was\n14: ${v.error}\n${FAILED_REPO_HELP.replace('%NAME%', 'Unknown').replace(/%ID%/g, '<repoid>')}Cannot find a valid baseurl for repo: ${id}/7/x86_64\n`;
  }
  if (!v.failedUrl) return `\n\n One of the configured repositories failed (${v.config.name}),\nError: Cannot find a valid baseurl for repo: ${id}\n`;
  const url = `${v.failedUrl.replace(/\/+$/, '')}/repodata/repomd.xml`;
  return (
    `${url}: [Errno 14] ${v.error}\nTrying other mirror.\n` +
    FAILED_REPO_HELP.replace('%NAME%', v.config.name).replace(/%ID%/g, '<repoid>') +
    `failure: repodata/repomd.xml from ${id}: [Errno 256] No more mirrors to try.\n${url}: [Errno 14] ${v.error}\n`
  );
}

interface Session {
  machine: Machine;
  views: RepoView[];
  candidates: Candidate[];
}

/**
 * Load the repositories as yum does before any command that needs them: fetch (and print) the
 * metadata not cached yet, or fail on the first repository that cannot be reached.
 */
function loadRepos(ctx: CommandContext, p: Parsed): Session | number {
  const machine = machineOf(ctx);
  const state = yumState(machine);
  const views = repoViews(machine, p.opts);
  const uncached = views.filter((v) => !v.def || state.cached[v.config.id] !== v.def.id);
  const say = (s: string) => !p.quiet && out(ctx.stdout, s);
  say(uncached.length ? 'Determining fastest mirrors' : 'Loading mirror speeds from cached hostfile');
  const failed = views.find((v) => !v.def);
  if (failed) {
    ctx.stderr.write(repoFailure(failed));
    return 1;
  }
  if (uncached.length) {
    for (const v of uncached) {
      // repo_gpgcheck=1: the repository's metadata signature is checked with the keys from gpgkey=, imported first.
      if (v.config.repoGpgcheck) {
        const key = repoDefOf(v.def!.id)?.key;
        const repomd = `${(v.config.urls[0] ?? '').replace(/\/+$/, '')}/repodata/repomd.xml`;
        if (!v.config.gpgkeys.length || !key) {
          ctx.stderr.write(`${repomd}: [Errno -1] repomd.xml signature could not be verified for ${v.config.id}\nTrying other mirror.\n${FAILED_REPO_HELP.replace('%NAME%', v.config.name).replace(/%ID%/g, '<repoid>')}failure: repodata/repomd.xml from ${v.config.id}: [Errno 256] No more mirrors to try.\n${repomd}: [Errno -1] repomd.xml signature could not be verified for ${v.config.id}\n`);
          return 1;
        }
        if (!state.keys.includes(`repo:${v.config.id}`)) {
          say(`${`${v.config.id}/signature`.padEnd(57)}|  454 B  00:00:00     `);
          for (const url of v.config.gpgkeys) say(`Retrieving key from ${url}\nImporting GPG key ${key.id}:\n Userid     : ${key.userid}\n Fingerprint: ${key.fingerprint}\n From       : ${url}`);
          say(`${`${v.config.id}/signature`.padEnd(57)}| 1.4 kB  00:00:00 !!! `);
          state.keys.push(`repo:${v.config.id}`);
        }
      }
      say(`${v.config.id.padEnd(57)}| ${v.def!.repomd.padStart(6)}  00:00:00     `);
    }
    uncached.forEach((v, i) => say(`(${i + 1}/${uncached.length}): ${`${v.config.id}/7/x86_64/primary_db`.padEnd(51 - String(uncached.length).length * 2)}| ${v.def!.primary.padStart(6)}  00:00:00     `));
    for (const v of uncached) state.cached[v.config.id] = v.def!.id;
  }
  return { machine, views, candidates: visiblePackages(machine, views, p.opts) };
}

function installedCandidate(machine: Machine, name: string): { evr: string; arch: string } | undefined {
  const i = packagesState(machine).installed[name];
  return i ? { evr: i.version, arch: i.arch } : undefined;
}

/** Ask (unless -y) and run a resolved transaction: download, keys, install, verify, summary. */
async function runTransaction(ctx: CommandContext, p: Parsed, s: Session, items: PlanItem[]): Promise<number> {
  ctx.stdout.write(transactionTable(items));
  const totalKiB = items.reduce((n, i) => n + i.entry.sizeKiB, 0);
  const installedKiB = items.reduce((n, i) => n + i.entry.installedKiB, 0);
  out(ctx.stdout, `\nTotal download size: ${yumSize(totalKiB)}${!items.some((i) => i.replaces) ? `\nInstalled size: ${yumSize(installedKiB)}` : ''}`);
  if (!p.yes) {
    ctx.stdout.write('Is this ok [y/d/N]: ');
    const answer = await ctx.stdin.read();
    if (!answer || !/^y(es)?$/i.test(answer.trim().split('\n')[0])) {
      out(ctx.stdout, `${answer === null ? '\n' : ''}Exiting on user command\nYour transaction was saved, rerun it with:\n yum load-transaction /tmp/yum_save_tx.2026-01-15.08-00.cka.yumtx`);
      return 1;
    }
  }
  out(ctx.stdout, 'Downloading packages:');
  const file = (i: PlanItem) => `${i.entry.name}-${withoutEpoch(i.entry.evr)}.${i.entry.arch}.rpm`;
  const multiple = items.length > 1;
  items.forEach((i, n) => {
    const left = multiple ? `(${n + 1}/${items.length}): ${file(i)}` : file(i);
    out(ctx.stdout, `${left.padEnd(59)}| ${downloadSize(i.entry.sizeKiB).padStart(7)}  00:00:0${Math.min(9, Math.ceil(i.entry.sizeKiB / 8000))}     `);
  });
  if (multiple) out(ctx.stdout, `${'-'.repeat(80)}\n${'Total'.padEnd(40)}${`${(totalKiB / 5120).toFixed(1)} MB/s`.padStart(17)} | ${downloadSize(totalKiB).padStart(7)}  00:00:05     `);
  // A repository's key is imported the first time one of its packages is checked (gpgcheck=1).
  const state = yumState(s.machine);
  for (const repoId of [...new Set(items.map((i) => i.repoId))]) {
    const view = s.views.find((v) => v.config.id === repoId);
    const key = view?.def ? repoDefOf(view.def.id)?.key : undefined;
    if (!view || !view.config.gpgcheck || !key || state.keys.includes(key.id)) continue;
    const first = items.find((i) => i.repoId === repoId)!;
    ctx.stderr.write(`warning: /var/cache/yum/x86_64/7/${repoId}/packages/${file(first)}: Header V4 RSA/SHA256 Signature, key ID ${key.id.slice(2).toLowerCase()}: NOKEY\n`);
    out(ctx.stdout, `Public key for ${file(first)} is not installed`);
    if (!view.config.gpgkeys.length) {
      ctx.stderr.write(`\n\nPublic key for ${file(first)} is not installed\n\n\n Failing package is: ${nevra(first.entry)}\n GPG Keys are configured as: \n\n`);
      return 1;
    }
    for (const url of view.config.gpgkeys) {
      out(ctx.stdout, `Retrieving key from ${url}`);
      out(ctx.stdout, `Importing GPG key ${key.id}:\n Userid     : ${key.userid}\n Fingerprint: ${key.fingerprint}\n From       : ${url}`);
    }
    state.keys.push(key.id);
  }
  out(ctx.stdout, 'Running transaction check\nRunning transaction test\nTransaction test succeeded\nRunning transaction');
  const world = worldOf(ctx);
  const now = () => ctx.clock.now();
  const order = [...items].sort((a, b) => (a.kind === 'dep' ? 0 : 1) - (b.kind === 'dep' ? 0 : 1));
  const steps = order.length + order.filter((i) => i.replaces).length;
  let n = 0;
  for (const i of order) {
    out(ctx.stdout, progressRow(i.kind === 'downgrade' ? 'Installing' : i.replaces ? 'Updating' : 'Installing', nevra(i.entry), ++n, steps));
    installRpm(s.machine, world, now, i.entry, i.kind === 'dep', i.repoId);
  }
  for (const i of order.filter((x) => x.replaces)) out(ctx.stdout, progressRow('Cleanup', nevra({ name: i.entry.name, evr: i.replaces!, arch: i.entry.arch }), ++n, steps));
  n = 0;
  for (const i of order) {
    out(ctx.stdout, progressRow('Verifying', nevra(i.entry), ++n, steps));
    if (i.replaces) out(ctx.stdout, progressRow('Verifying', nevra({ name: i.entry.name, evr: i.replaces, arch: i.entry.arch }), ++n, steps));
  }
  const label = (i: PlanItem) => `${i.entry.name}.${i.entry.arch} ${shownEvr(i.entry.evr).includes(':') ? shownEvr(i.entry.evr) : `0:${shownEvr(i.entry.evr)}`}`;
  const downgraded = items.filter((i) => i.kind === 'downgrade');
  const groups: Array<[string, PlanItem[]]> = [
    ['Removed:', downgraded.map((i) => ({ ...i, entry: { ...i.entry, evr: i.replaces! } }))],
    ['Installed:', items.filter((i) => i.kind === 'downgrade' || (i.kind !== 'dep' && !i.replaces))],
    ['Updated:', items.filter((i) => i.kind === 'update' && i.replaces)],
    ['Dependency Installed:', items.filter((i) => i.kind === 'dep' && !i.replaces)],
    ['Dependency Updated:', items.filter((i) => i.kind === 'dep' && i.replaces)],
  ];
  for (const [title, list] of groups) if (list.length) ctx.stdout.write(`\n${title}\n${packageColumns(list.map(label).sort())}`);
  out(ctx.stdout, '\nComplete!');
  return 0;
}

type Command = (ctx: CommandContext, p: Parsed) => Promise<number>;

function needRoot(ctx: CommandContext): boolean {
  if (isRoot(ctx)) return true;
  out(ctx.stderr, 'You need to be root to perform this command.');
  return false;
}

const install: Command = async (ctx, p) => {
  if (!needRoot(ctx)) return 1;
  if (!p.args.length) {
    ctx.stderr.write('Error: Need to pass a list of pkgs to install\n Mini usage:\n\ninstall PACKAGE...\n\nInstall a package or packages on your system\n\naliases: install-n, install-na, install-nevra\n');
    return 1;
  }
  const s = loadRepos(ctx, p);
  if (typeof s === 'number') return s;
  const requested: PlanItem[] = [];
  for (const spec of p.args) {
    const matches = matchSpec(s.candidates, spec);
    if (!matches.length) {
      const inst = installedCandidate(s.machine, spec);
      if (inst) out(ctx.stdout, `Package ${nevra({ name: spec, ...inst })} already installed and latest version`);
      else out(ctx.stdout, `No package ${spec} available.`);
      continue;
    }
    const best = matches[0];
    const inst = installedCandidate(s.machine, best.entry.name);
    if (inst) {
      const c = compareEvr(best.entry.evr, inst.evr);
      if (c === 0) {
        out(ctx.stdout, `Package ${nevra({ name: best.entry.name, ...inst })} already installed and latest version`);
        continue;
      }
      if (c < 0) {
        out(ctx.stdout, `Package matching ${nevra(best.entry).replace(/^\d+:/, '')} already installed. Checking for update.`);
        continue;
      }
    }
    if (!requested.some((r) => r.entry.name === best.entry.name)) requested.push({ entry: best.entry, repoId: best.repoId, kind: inst ? 'update' : 'install', replaces: inst?.evr });
  }
  if (!requested.length) {
    const anyKnown = p.args.some((spec) => matchSpec(s.candidates, spec).length || installedCandidate(s.machine, spec));
    if (anyKnown) {
      out(ctx.stdout, 'Nothing to do');
      return 0;
    }
    out(ctx.stderr, 'Error: Nothing to do');
    return 1;
  }
  return transact(ctx, p, s, requested);
};

async function transact(ctx: CommandContext, p: Parsed, s: Session, requested: PlanItem[]): Promise<number> {
  out(ctx.stdout, 'Resolving Dependencies');
  const r = resolve(s.machine, s.candidates, requested);
  out(ctx.stdout, r.lines.join('\n'));
  if (r.error) {
    ctx.stderr.write(r.error);
    return 1;
  }
  return runTransaction(ctx, p, s, r.items);
}

const update: Command = async (ctx, p) => {
  if (!needRoot(ctx)) return 1;
  const s = loadRepos(ctx, p);
  if (typeof s === 'number') return s;
  const installed = packagesState(s.machine).installed;
  const requested: PlanItem[] = [];
  const specs = p.args.length ? p.args : Object.keys(installed).sort();
  for (const spec of specs) {
    const matches = matchSpec(s.candidates, spec);
    const best = matches.find((m) => installed[m.entry.name]);
    if (!best) {
      if (p.args.length && matches.length) out(ctx.stdout, `Package(s) ${spec} available, but not installed.`);
      else if (p.args.length && !installed[spec]) out(ctx.stdout, `No package ${spec} available.`);
      continue;
    }
    const inst = installed[best.entry.name];
    if (compareEvr(best.entry.evr, inst.version) <= 0) continue;
    requested.push({ entry: best.entry, repoId: best.repoId, kind: 'update', replaces: inst.version });
  }
  if (!requested.length) {
    out(ctx.stdout, 'No packages marked for update');
    return 0;
  }
  return transact(ctx, p, s, requested);
};

const remove: Command = async (ctx, p) => {
  if (!needRoot(ctx)) return 1;
  if (!p.args.length) {
    ctx.stderr.write('Error: Need to pass a list of pkgs to remove\n Mini usage:\n\nerase PACKAGE...\n\nRemove a package or packages from your system\n\naliases: autoremove, erase-n, erase-na, erase-nevra, remove, rm\n');
    return 1;
  }
  const machine = machineOf(ctx);
  const installed = packagesState(machine).installed;
  const items: PlanItem[] = [];
  for (const spec of p.args) {
    const name = Object.keys(installed).find((n) => n === spec || nevra({ name: n, evr: installed[n].version, arch: installed[n].arch }).replace(/^\d+:/, '').startsWith(`${spec}`) && spec.startsWith(`${n}-`));
    if (!name) {
      out(ctx.stdout, `No Match for argument: ${spec}`);
      continue;
    }
    const i = installed[name];
    items.push({ entry: { name, evr: i.version, arch: i.arch as 'x86_64', sizeKiB: 0, installedKiB: 30000, requires: [], summary: name }, repoId: i.repo ?? 'anaconda', kind: 'install' });
  }
  out(ctx.stdout, 'Resolving Dependencies');
  if (!items.length) {
    out(ctx.stdout, 'No Packages marked for removal');
    return 0;
  }
  // Packages that require a removed one go too (kubeadm requires kubelet and kubectl).
  const removing = new Set(items.map((i) => i.entry.name));
  for (const [name, rec] of Object.entries(installed)) {
    if (removing.has(name)) continue;
    const needs = REQUIRES_BY_NAME[name] ?? [];
    if (needs.some((n) => removing.has(n))) {
      removing.add(name);
      items.push({ entry: { name, evr: rec.version, arch: rec.arch as 'x86_64', sizeKiB: 0, installedKiB: 30000, requires: [], summary: name }, repoId: rec.repo ?? 'anaconda', kind: 'dep' });
    }
  }
  out(ctx.stdout, `--> Running transaction check\n${items.map((i) => `---> Package ${i.entry.name}.${i.entry.arch} ${shownEvr(i.entry.evr).includes(':') ? shownEvr(i.entry.evr) : `0:${shownEvr(i.entry.evr)}`} will be erased`).join('\n')}\n--> Finished Dependency Resolution`);
  ctx.stdout.write(transactionTable(items, true));
  out(ctx.stdout, `\nInstalled size: ${yumSize(items.reduce((n, i) => n + i.entry.installedKiB, 0))}`);
  if (!p.yes) {
    ctx.stdout.write('Is this ok [y/N]: ');
    const answer = await ctx.stdin.read();
    if (!answer || !/^y(es)?$/i.test(answer.trim())) {
      out(ctx.stdout, `${answer === null ? '\n' : ''}Exiting on user command`);
      return 1;
    }
  }
  out(ctx.stdout, 'Downloading packages:\nRunning transaction check\nRunning transaction test\nTransaction test succeeded\nRunning transaction');
  items.forEach((i, n) => out(ctx.stdout, progressRow('Erasing', nevra(i.entry), n + 1, items.length)));
  items.forEach((i, n) => out(ctx.stdout, progressRow('Verifying', nevra(i.entry), n + 1, items.length)));
  for (const i of items) eraseRpm(machine, worldOf(ctx), () => ctx.clock.now(), i.entry.name);
  const label = (i: PlanItem) => `${i.entry.name}.${i.entry.arch} ${shownEvr(i.entry.evr).includes(':') ? shownEvr(i.entry.evr) : `0:${shownEvr(i.entry.evr)}`}`;
  ctx.stdout.write(`\nRemoved:\n${packageColumns(items.filter((i) => i.kind !== 'dep').map(label))}`);
  const deps = items.filter((i) => i.kind === 'dep');
  if (deps.length) ctx.stdout.write(`\nDependency Removed:\n${packageColumns(deps.map(label))}`);
  out(ctx.stdout, '\nComplete!');
  return 0;
};

/** Reverse dependencies yum would follow on erase (the packages of the courses). */
const REQUIRES_BY_NAME: Record<string, string[]> = {
  kubeadm: ['kubelet', 'kubectl', 'kubernetes-cni', 'cri-tools'],
  kubelet: ['kubernetes-cni', 'conntrack-tools', 'socat'],
  'docker-ce': ['containerd.io', 'docker-ce-cli', 'container-selinux', 'libcgroup'],
  'docker-ce-rootless-extras': ['fuse-overlayfs', 'slirp4netns'],
};

const list: Command = async (ctx, p) => {
  const s = loadRepos(ctx, p);
  if (typeof s === 'number') return s;
  const installed = packagesState(s.machine).installed;
  const which = ['installed', 'available', 'updates', 'all'].includes(p.args[0] ?? '') ? p.args[0] : 'all';
  const patterns = which === p.args[0] ? p.args.slice(1) : p.args;
  const wanted = (name: string) => !patterns.length || patterns.some((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(name));
  const inst = Object.entries(installed).filter(([n]) => wanted(n)).sort(([a], [b]) => a.localeCompare(b));
  let avail = s.candidates.filter((c) => wanted(c.entry.name));
  if (!p.showDuplicates) {
    const newest = new Map<string, Candidate>();
    for (const c of newestFirst(avail)) if (!newest.has(c.entry.name)) newest.set(c.entry.name, c);
    avail = [...newest.values()].filter((c) => !installed[c.entry.name] || compareEvr(c.entry.evr, installed[c.entry.name].version) > 0);
  } else avail = avail.filter((c) => !installed[c.entry.name] || compareEvr(c.entry.evr, installed[c.entry.name].version) !== 0);
  avail.sort((a, b) => a.entry.name.localeCompare(b.entry.name) || compareEvr(a.entry.evr, b.entry.evr));
  let text = '';
  if ((which === 'installed' || which === 'all') && inst.length) {
    text += 'Installed Packages\n' + inst.map(([n, r]) => listRow(`${n}.${r.arch}`, r.version, `@${fromRepo(s, n, r.version)}`)).join('\n') + '\n';
  }
  if ((which === 'available' || which === 'all') && avail.length) text += 'Available Packages\n' + avail.map((c) => listRow(`${c.entry.name}.${c.entry.arch}`, c.entry.evr, c.repoId)).join('\n') + '\n';
  if (which === 'updates') {
    const ups = avail.filter((c) => installed[c.entry.name]);
    if (ups.length) text += 'Updated Packages\n' + ups.map((c) => listRow(`${c.entry.name}.${c.entry.arch}`, c.entry.evr, c.repoId)).join('\n') + '\n';
  }
  if (!text) {
    ctx.stderr.write('Error: No matching Packages to list\n');
    return 1;
  }
  ctx.stdout.write(text);
  return 0;
};

/** The repository an installed package came from (@anaconda for the install media). */
function fromRepo(s: Session, name: string, evr: string): string {
  const recorded = packagesState(s.machine).installed[name]?.repo;
  if (recorded) return recorded;
  const c = s.candidates.find((x) => x.entry.name === name && x.entry.evr === evr);
  if (c) return c.repoId;
  for (const v of s.views) if (v.def?.entries.some((e) => e.name === name && e.evr === evr)) return v.config.id;
  return 'anaconda';
}

const makecache: Command = async (ctx, p) => {
  const s = loadRepos(ctx, p);
  if (typeof s === 'number') return s;
  out(ctx.stdout, 'Metadata Cache Created');
  return 0;
};

const clean: Command = async (ctx, p) => {
  const machine = machineOf(ctx);
  const views = repoViews(machine, p.opts);
  out(ctx.stdout, `Cleaning repos: ${views.map((v) => v.config.id).sort().join(' ')}`);
  if (p.args[0] === 'all') out(ctx.stdout, 'Cleaning up everything\nMaybe you want: rm -rf /var/cache/yum, to also free up space taken by orphaned data from disabled or removed repos\nCleaning up list of fastest mirrors');
  else out(ctx.stdout, `${(p.args[0] ?? 'all') === 'metadata' ? '0 metadata files removed' : 'Cleaning up list of fastest mirrors'}`);
  yumState(machine).cached = {};
  return 0;
};

const repolist: Command = async (ctx, p) => {
  const s = loadRepos(ctx, p);
  if (typeof s === 'number') return s;
  const rows = s.views.map((v) => {
    const count = v.def!.total ?? v.def!.entries.filter((e) => !v.config.exclude.includes(e.name)).length;
    const excluded = v.def!.entries.filter((e) => v.config.exclude.some((x) => x === e.name)).length;
    return { id: `${v.config.id}${v.config.id.startsWith('docker') || v.config.id === 'kubernetes' ? '/x86_64' : '/7/x86_64'}`, name: v.config.name, status: excluded && !p.opts.disableExcludes.length ? `${count - excluded}+${excluded}` : count.toLocaleString('en-US'), count };
  });
  let text = `${'repo id'.padEnd(37)}${'repo name'.padEnd(37)}status\n`;
  for (const r of rows.sort((a, b) => a.id.localeCompare(b.id))) text += `${r.id.padEnd(37)}${r.name.slice(0, 36).padEnd(37)}${r.status.padStart(6)}\n`;
  text += `repolist: ${rows.reduce((n, r) => n + r.count, 0).toLocaleString('en-US')}\n`;
  ctx.stdout.write(text);
  return 0;
};

const downgrade: Command = async (ctx, p) => {
  if (!needRoot(ctx)) return 1;
  const s = loadRepos(ctx, p);
  if (typeof s === 'number') return s;
  const installed = packagesState(s.machine).installed;
  const requested: PlanItem[] = [];
  for (const spec of p.args) {
    const matches = matchSpec(s.candidates, spec);
    const older = matches.filter((m) => installed[m.entry.name] && compareEvr(m.entry.evr, installed[m.entry.name].version) < 0);
    if (!older.length) {
      out(ctx.stdout, matches.length ? `Only Upgrade available on package: ${nevra(matches[0].entry).replace(/^\d+:/, '')}` : `No package ${spec} available.`);
      continue;
    }
    requested.push({ entry: older[0].entry, repoId: older[0].repoId, kind: 'downgrade', replaces: installed[older[0].entry.name].version });
  }
  if (!requested.length) {
    out(ctx.stderr, 'Nothing to do');
    return 1;
  }
  return transact(ctx, p, s, requested);
};

const COMMANDS: Record<string, Command> = {
  downgrade,
  install,
  update,
  upgrade: update,
  remove,
  erase: remove,
  list,
  makecache,
  clean,
  repolist,
};

export const yum: Program = async (ctx) => {
  const p = parse(ctx.argv.slice(1));
  if (p.bad) {
    ctx.stderr.write(`Usage: yum [options] COMMAND\n\nCommand line error: no such option: ${p.bad}\n`);
    return 1;
  }
  if (!p.quiet) out(ctx.stdout, 'Loaded plugins: fastestmirror');
  if (!p.command) {
    ctx.stderr.write('You need to give some command\n');
    return 1;
  }
  const command = COMMANDS[p.command];
  if (!command) {
    ctx.stderr.write(`No such command: ${p.command}. Please use /usr/bin/yum --help\n`);
    return 1;
  }
  return command(ctx, p);
};

export { RULE };
