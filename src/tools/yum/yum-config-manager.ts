/** yum-config-manager (yum-utils): --add-repo URL, --enable/--disable REPO, --save --setopt. */
import type { CommandContext, Program } from '../../shell/command';
import { getNetwork } from '../../shell/commands/lib/system';
import { readYumConfig } from '../../sim/packages/rpm/repos';
import { isRoot, machineOf, out } from '../lib/context';

function fetch(ctx: CommandContext, url: string): { body: string } | { error: string } {
  const host = /^[a-z]+:\/\/([^/:?]+)/.exec(url)?.[1] ?? '';
  const net = getNetwork();
  if (!host || !net.resolve(ctx, host)) return { error: `[Errno 14] curl#6 - "Could not resolve host: ${host}; Unknown error"` };
  const r = net.http?.(ctx, { method: 'GET', url, headers: {} });
  if (!r || 'error' in r) return { error: `[Errno 14] curl#7 - "Failed connect to ${host}:${url.startsWith('https') ? 443 : 80}; Connection refused"` };
  if (r.status !== 200) return { error: `[Errno 14] ${url.startsWith('https') ? 'HTTPS' : 'HTTP'} Error ${r.status} - Not Found` };
  return { body: r.body };
}

/** Set `key=value` in the [id] section of a repo file. */
function setInSection(text: string, id: string, key: string, value: string): string {
  const lines = text.split('\n');
  let inSection = false;
  let done = false;
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const sec = /^\s*\[([^\]]+)\]/.exec(lines[i]);
    if (sec) {
      if (inSection) {
        end = i;
        break;
      }
      inSection = sec[1].trim() === id;
      continue;
    }
    if (inSection && new RegExp(`^\\s*${key}\\s*=`).test(lines[i])) {
      lines[i] = `${key} = ${value}`;
      done = true;
    }
  }
  if (!done) {
    let at = end;
    while (at > 0 && !lines[at - 1].trim()) at--;
    lines.splice(at, 0, `${key} = ${value}`);
  }
  return lines.join('\n');
}

export const yumConfigManager: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  out(ctx.stdout, 'Loaded plugins: fastestmirror');
  const machine = machineOf(ctx);
  const fs = machine.rootFs;
  const addAt = args.findIndex((a) => a === '--add-repo' || a.startsWith('--add-repo='));
  if (addAt >= 0) {
    const url = args[addAt].includes('=') ? args[addAt].slice('--add-repo='.length) : args[addAt + 1];
    if (!url) {
      ctx.stderr.write('Usage: yum-config-manager [options] [section ...]\n\nyum-config-manager: error: --add-repo option requires an argument\n');
      return 2;
    }
    if (!isRoot(ctx)) {
      out(ctx.stderr, '\nYou need to be root to perform this command.');
      return 1;
    }
    out(ctx.stdout, `adding repo from: ${url}`);
    const name = url.split('/').pop() ?? 'repo';
    if (!name.endsWith('.repo')) {
      // A base URL: a minimal repo section named after it.
      const id = url.replace(/^[a-z]+:\/\//, '').replace(/[/:?=&]+/g, '_').replace(/_+$/, '');
      fs.writeFile(`/etc/yum.repos.d/${id}.repo`, `\n[${id}]\nname=added from: ${url}\nbaseurl=${url}\nenabled=1\n\n\n`);
      out(ctx.stdout, `\n[${id}]\nname=added from: ${url}\nbaseurl=${url}\nenabled=1\n\n`);
      return 0;
    }
    const dest = `/etc/yum.repos.d/${name}`;
    out(ctx.stdout, `grabbing file ${url} to ${dest}`);
    const r = fetch(ctx, url);
    if ('error' in r) {
      ctx.stderr.write(`Could not fetch/save url ${url} to file ${dest}: ${r.error}\n`);
      return 1;
    }
    fs.writeFile(dest, r.body);
    out(ctx.stdout, `repo saved to ${dest}`);
    return 0;
  }
  const enable = args.includes('--enable');
  const disable = args.includes('--disable');
  const ids = args.filter((a) => !a.startsWith('-'));
  if ((enable || disable) && ids.length) {
    if (!isRoot(ctx)) {
      out(ctx.stderr, '\nYou need to be root to perform this command.');
      return 1;
    }
    const repos = readYumConfig(fs).repos;
    for (const id of ids) {
      const repo = repos.find((r) => r.id === id);
      if (!repo) continue;
      fs.writeFile(repo.file, setInSection(fs.readFile(repo.file), id, 'enabled', enable ? '1' : '0'));
      out(ctx.stdout, `${'='.repeat(Math.max(0, 36 - Math.ceil(id.length / 2)))} repo: ${id} ${'='.repeat(Math.max(0, 36 - Math.floor(id.length / 2)))}\n[${id}]\nenabled = ${enable ? 'True' : 'False'}\nname = ${repo.name}\n`);
    }
    return 0;
  }
  const setopts = args.filter((a) => a.startsWith('--setopt=')).map((a) => a.slice(9));
  if (args.includes('--save') && setopts.length) {
    const repos = readYumConfig(fs).repos;
    for (const opt of setopts) {
      const m = /^([^.=]+)\.([^=]+)=(.*)$/.exec(opt);
      const repo = m && repos.find((r) => r.id === m[1]);
      if (m && repo) fs.writeFile(repo.file, setInSection(fs.readFile(repo.file), m[1], m[2], m[3]));
    }
    return 0;
  }
  return 0;
};
