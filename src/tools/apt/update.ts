/** apt-get update / apt update: fetch the lists of every configured source, verifying signatures. */
import type { CommandContext } from '../../shell/command';
import type { Machine } from '../../sim/machine/machine';
import { KNOWN_HOSTS, UBUNTU_ARCHIVE, UBUNTU_SECURITY, findRepo, type RepoDef } from '../../sim/packages/catalogue';
import { packagesState, upgradable } from '../../sim/packages/db';
import { keyIdsIn } from '../../sim/packages/keys';
import { isSourceError, readSources, sourceKey, sourceSuite, type SourceEntry } from '../../sim/packages/sources';
import { bytesText, readingLists } from './common';

/** Keys trusted without signed-by: trusted.gpg and trusted.gpg.d/*. */
function globalKeyIds(machine: Machine): { ids: string[]; unsupported: string[] } {
  const fs = machine.rootFs;
  const files = ['/etc/apt/trusted.gpg'];
  try {
    for (const f of fs.readdir('/etc/apt/trusted.gpg.d')) files.push(`/etc/apt/trusted.gpg.d/${f}`);
  } catch {
    /* none */
  }
  const ids: string[] = [];
  const unsupported: string[] = [];
  for (const f of files) {
    try {
      const r = keyIdsIn(f, fs.readFile(f));
      ids.push(...r.ids);
      if (r.unsupported) unsupported.push(f);
    } catch {
      /* absent */
    }
  }
  return { ids, unsupported };
}

function displayName(src: SourceEntry, repo: RepoDef | undefined): string {
  const uri = (repo?.fetchUri ?? src.uri).replace(/\/+$/, '');
  const suite = sourceSuite(src);
  return suite === '/' ? `${uri}  ` : `${uri} ${suite} `;
}

function hostOf(uri: string): string {
  return /^[a-z]+:\/\/([^/:]+)/i.exec(uri)?.[1] ?? uri;
}

/** The lists a fresh cloud image already has (cloud-init ran an update at first boot). */
export function ensureInitialLists(machine: Machine): void {
  const s = packagesState(machine);
  if ((s as { seeded?: boolean }).seeded) return;
  (s as { seeded?: boolean }).seeded = true;
  for (const suite of ['jammy', 'jammy-updates', 'jammy-backports']) s.lists[`${UBUNTU_ARCHIVE} ${suite}`] ??= 'ubuntu';
  s.lists[`${UBUNTU_SECURITY} jammy-security`] ??= 'ubuntu-security';
}

export async function aptUpdate(ctx: CommandContext, machine: Machine, apt: boolean): Promise<number> {
  const s = packagesState(machine);
  ensureInitialLists(machine);
  const sources = readSources(machine.rootFs);
  const malformed = sources.find(isSourceError);
  if (malformed && isSourceError(malformed)) {
    ctx.stderr.write(`E: Malformed entry ${malformed.line} in list file ${malformed.file} (${malformed.reason})\nE: The list of sources could not be read.\n`);
    return 100;
  }
  const global = globalKeyIds(machine);
  const lists: Record<string, string> = {};
  const errors: string[] = [];
  const warnings: string[] = [];
  let n = 0;
  let fetched = 0;
  const seen = new Set<string>();
  for (const src of sources) {
    if (isSourceError(src) || src.type !== 'deb') continue;
    const key = sourceKey(src);
    if (seen.has(key)) continue;
    seen.add(key);
    n++;
    const repo = findRepo(src.uri, sourceSuite(src));
    const name = displayName(src, repo);
    if (!repo) {
      const host = hostOf(src.uri);
      if (!KNOWN_HOSTS.has(host)) {
        ctx.stdout.write(`Ign:${n} ${name}InRelease\nErr:${n} ${name}Release\n  Could not resolve '${host}'\n`);
        warnings.push(`W: Failed to fetch ${src.uri.replace(/\/+$/, '')}/dists/${sourceSuite(src)}/InRelease  Could not resolve '${host}'`);
        warnings.push('W: Some index files failed to download. They have been ignored, or old ones used instead.');
        continue;
      }
      ctx.stdout.write(`Ign:${n} ${name}InRelease\nErr:${n} ${name}Release\n  404  Not Found [IP: 151.101.2.132 443]\n`);
      errors.push(`E: The repository '${src.uri.replace(/\/+$/, '')} ${sourceSuite(src) === '/' ? '' : sourceSuite(src) + ' '}Release' does not have a Release file.`);
      errors.push("N: Updating from such a repository can't be done securely, and is therefore disabled by default.");
      errors.push('N: See apt-secure(8) manpage for repository creation and user configuration details.');
      continue;
    }
    if (repo.keyId) {
      const signedBy = src.options['signed-by'];
      let ids = global.ids;
      if (signedBy) {
        ids = [];
        try {
          const r = keyIdsIn(signedBy, machine.rootFs.readFile(signedBy));
          ids = r.ids;
          if (r.unsupported) warnings.push(`W: ${src.uri.replace(/\/+$/, '')}/${sourceSuite(src) === '/' ? 'InRelease' : `dists/${sourceSuite(src)}/InRelease`}: The key(s) in the keyring ${signedBy} are ignored as the file has an unsupported filetype.`);
        } catch {
          /* missing keyring: no keys */
        }
      } else {
        for (const f of global.unsupported) warnings.push(`W: ${src.uri.replace(/\/+$/, '')}: The key(s) in the keyring ${f} are ignored as the file has an unsupported filetype.`);
      }
      if (!ids.includes(repo.keyId)) {
        const why = `The following signatures couldn't be verified because the public key is not available: NO_PUBKEY ${repo.keyId}`;
        ctx.stdout.write(`Get:${n} ${name}InRelease [${bytesText(repo.inReleaseBytes)}]\nErr:${n} ${name}InRelease\n  ${why}\n`);
        fetched += repo.inReleaseBytes;
        warnings.push(`W: GPG error: ${name}InRelease: ${why}`);
        errors.push(`E: The repository '${src.uri.replace(/\/+$/, '')} ${sourceSuite(src) === '/' ? ' ' : sourceSuite(src) + ' '}InRelease' is not signed.`);
        errors.push("N: Updating from such a repository can't be done securely, and is therefore disabled by default.");
        errors.push('N: See apt-secure(8) manpage for repository creation and user configuration details.');
        continue;
      }
    }
    lists[key] = repo.id;
    if (s.lists[key] === repo.id) {
      ctx.stdout.write(`Hit:${n} ${name}InRelease\n`);
      continue;
    }
    ctx.stdout.write(`Get:${n} ${name}InRelease [${bytesText(repo.inReleaseBytes)}]\n`);
    fetched += repo.inReleaseBytes;
    if (repo.packagesKiB) {
      n++;
      const bytes = repo.packagesKiB * 1024 + 313;
      const label = sourceSuite(src) === '/' ? `${name}Packages` : `${name.trimEnd()}/${src.components[0] ?? 'main'} amd64 Packages`;
      ctx.stdout.write(`Get:${n} ${label} [${bytesText(bytes)}]\n`);
      fetched += bytes;
    }
  }
  if (fetched) ctx.stdout.write(`Fetched ${bytesText(fetched)} in 1s (${bytesText(Math.round(fetched * 0.83))}/s)\n`);
  await ctx.clock.sleep(fetched ? 1200 : 400);
  s.lists = lists;
  readingLists(ctx, apt);
  if (apt && !errors.some((e) => e.startsWith('E:'))) {
    ctx.stdout.write('Building dependency tree... Done\nReading state information... Done\n');
    ctx.stdout.write(upgradable(machine).length ? `${upgradable(machine).length} packages can be upgraded. Run 'apt list --upgradable' to see them.\n` : 'All packages are up to date.\n');
  }
  for (const w of warnings) ctx.stderr.write(`${w}\n`);
  for (const e of errors) ctx.stderr.write(`${e}\n`);
  return errors.some((e) => e.startsWith('E:')) ? 100 : 0;
}
