/** containerd (config default/dump, --version) and ctr (version, images ls, containers ls, namespaces ls). */
import type { Program } from '../../shell/command';
import { packagesState } from '../../sim/packages/db';
import { machineOf } from '../lib/context';
import { CONTAINERD_DEFAULT_CONFIG } from './default-config';
import { runtimeAccess } from './cri';

const CONTAINERD_IO_COMMIT = '05044ec0a9a75232cad458027ca83437aae3f4da';

function containerdVersionLine(fromDocker: boolean, version: string): string {
  return fromDocker ? `containerd containerd.io ${version} ${CONTAINERD_IO_COMMIT}` : `containerd github.com/containerd/containerd ${version}`;
}

function installedContainerd(ctx: Parameters<Program>[0]): { fromDocker: boolean; version: string } {
  const s = packagesState(machineOf(ctx));
  if (s.installed['containerd.io']) return { fromDocker: true, version: s.installed['containerd.io'].version.replace(/-\d+$/, '') };
  const ubuntu = s.installed.containerd?.version;
  return { fromDocker: false, version: ubuntu ? ubuntu.replace(/-.*$/, '') : '1.7.27' };
}

export const containerd: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === '--version' || args[0] === '-v' || args[0] === 'version') {
    const v = installedContainerd(ctx);
    ctx.stdout.write(`${containerdVersionLine(v.fromDocker, v.version)}\n`);
    return 0;
  }
  if (args[0] === 'config') {
    if (args[1] === 'default') {
      ctx.stdout.write(CONTAINERD_DEFAULT_CONFIG);
      return 0;
    }
    if (args[1] === 'dump') {
      try {
        ctx.stdout.write(machineOf(ctx).rootFs.readFile('/etc/containerd/config.toml'));
      } catch {
        ctx.stdout.write(CONTAINERD_DEFAULT_CONFIG);
      }
      return 0;
    }
    ctx.stdout.write('NAME:\n   containerd config - Information on the containerd config\n\nUSAGE:\n   containerd config command [command options] [arguments...]\n\nCOMMANDS:\n   default  See the output of the default config\n   dump     See the output of the final main config with imported in subconfig files\n   migrate  Migrate the current config to the latest version (DEPRECATED)\n');
    return 0;
  }
  if (args.length === 0) {
    // The daemon runs under systemd; started by hand it would compete for the socket.
    ctx.stderr.write('containerd: failed to get listener for main endpoint: chmod /run/containerd/containerd.sock: no such file or directory\n');
    return 1;
  }
  ctx.stderr.write(`containerd: No help topic for '${args[0]}'\n`);
  return 1;
};

export const ctr: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  let namespace = 'default';
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-n' || a === '--namespace') namespace = argv[++i] ?? namespace;
    else if (a.startsWith('--namespace=')) namespace = a.slice(12);
    else words.push(a);
  }
  const [group, verb] = words;
  if (group === 'version' || group === '--version' || group === '-v') {
    const v = installedContainerd(ctx);
    if (group !== 'version') {
      ctx.stdout.write(`ctr ${v.fromDocker ? 'containerd.io' : 'github.com/containerd/containerd'} ${v.version}\n`);
      return 0;
    }
  }
  if (ctx.user.uid !== 0) {
    ctx.stderr.write('ctr: failed to dial "/run/containerd/containerd.sock": connection error: desc = "transport: error while dialing: dial unix /run/containerd/containerd.sock: connect: permission denied"\n');
    return 1;
  }
  const access = runtimeAccess(ctx);
  if (!access.ok && access.reason === 'down') {
    ctx.stderr.write('ctr: failed to dial "/run/containerd/containerd.sock": context deadline exceeded: connection error: desc = "transport: error while dialing: dial unix:///run/containerd/containerd.sock: timeout"\n');
    return 1;
  }
  const rt = access.ok ? access.runtime : undefined;
  if (group === 'version') {
    const v = installedContainerd(ctx);
    ctx.stdout.write(`Client:\n  Version:  ${v.version}\n  Revision: ${CONTAINERD_IO_COMMIT}\n  Go version: go1.23.8\n\nServer:\n  Version:  ${v.version}\n  Revision: ${CONTAINERD_IO_COMMIT}\n  UUID: 4c7a1e44-1b1c-4a3b-9d2e-5f0c8e7d6a21\n`);
    return 0;
  }
  const k8s = namespace === 'k8s.io';
  if ((group === 'namespaces' || group === 'ns' || group === 'namespace') && (verb === 'ls' || verb === 'list')) {
    ctx.stdout.write('NAME   LABELS \n' + (rt && rt.images.size ? 'k8s.io        \n' : ''));
    return 0;
  }
  if ((group === 'images' || group === 'image' || group === 'i') && (verb === 'ls' || verb === 'list')) {
    const quiet = words.includes('-q') || words.includes('--quiet');
    const list = k8s ? [...(rt?.images.values() ?? [])].sort((a, b) => a.ref.full.localeCompare(b.ref.full)) : [];
    if (quiet) {
      if (list.length) ctx.stdout.write(list.map((i) => i.ref.full).join('\n') + '\n');
      return 0;
    }
    const rows = [['REF', 'TYPE', 'DIGEST', 'SIZE', 'PLATFORMS', 'LABELS']];
    for (const i of list) rows.push([i.ref.full, 'application/vnd.oci.image.index.v1+json', `sha256:${i.digest.replace(/^sha256:/, '')}`, `${(i.size / 1048576).toFixed(1)} MiB`, 'linux/amd64', 'io.cri-containerd.image=managed']);
    const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    ctx.stdout.write(rows.map((r) => r.map((cell, c) => cell.padEnd(w[c])).join(' ') + ' ').join('\n') + '\n');
    return 0;
  }
  if ((group === 'containers' || group === 'container' || group === 'c') && (verb === 'ls' || verb === 'list')) {
    const list = k8s ? [...(rt?.containers.values() ?? [])] : [];
    const rows = [['CONTAINER', 'IMAGE', 'RUNTIME']];
    for (const c of list) rows.push([c.id, c.imageRef, 'io.containerd.runc.v2']);
    const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    ctx.stdout.write(rows.map((r) => r.map((cell, c) => cell.padEnd(w[c])).join('    ')).join('\n') + '\n');
    return 0;
  }
  ctx.stderr.write(`ctr: No help topic for '${words.join(' ')}'\n`);
  return 1;
};
