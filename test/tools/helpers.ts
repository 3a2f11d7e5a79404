/** Sessions on a fresh `machines` world with the machine tools in the program table. */
import { Session } from '../../src/shell/session';
import { World, type WorldJSON } from '../../src/sim/world';
import { bootWorld } from '../../src/runtime/session';
import { systemPrograms } from '../../src/runtime/programs';
import { installPrograms, UBUNTU_BASE_PROGRAMS } from '../../src/sim/machine/image';
import { machineTools, toolNames } from '../../src/tools/index';
import { adoptClusterNodes } from '../../src/sim/packages/adopt';

let snapshot: WorldJSON | undefined;

/** A world of any scenario with the base image's machine tools installed (as the lead's table will give). */
export function worldOf(scenario: string): World {
  const w = bootWorld(scenario, 1);
  for (const m of w.machines.values()) installPrograms(m.rootFs, toolNames.filter((n) => UBUNTU_BASE_PROGRAMS.includes(n)));
  // What the cluster scenarios should do once built (see adoptClusterNodes).
  adoptClusterNodes(w);
  return w;
}

/** A fresh world whose machines have every system program and the base image's machine tools (as the lead's table will give). */
export function freshWorld(): World {
  if (!snapshot) {
    const w = bootWorld('machines', 1);
    for (const m of w.machines.values()) installPrograms(m.rootFs, toolNames.filter((n) => UBUNTU_BASE_PROGRAMS.includes(n)));
    snapshot = w.toJSON();
  }
  return World.fromJSON(JSON.parse(JSON.stringify(snapshot)) as WorldJSON);
}

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

/** Run lines as `bash -s` on a host of the world (root on cka01 by default). */
export async function run(world: World, script: string, opts: { host?: string; user?: string } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const session = new Session({
    world,
    host: opts.host ?? 'cka01',
    user: opts.user ?? 'root',
    mode: 'stdin',
    programs: { ...systemPrograms(world), ...machineTools },
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
  });
  await session.feed(script.endsWith('\n') ? script : `${script}\n`);
  const status = await session.finish();
  return { stdout, stderr, status };
}

import { setNetworkProvider } from '../../src/shell/commands/lib/system';
import { downloadArtefact, packageHostAddress } from '../../src/sim/packages/downloads';

/** Repository hosts answer curl (what the world's network provider does once wired). */
export function usePackageNetwork(): void {
  setNetworkProvider({
    resolve: (_ctx, host) => packageHostAddress(host) ?? (/^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : null),
    http: (_ctx, req) => downloadArtefact(req.url) ?? { error: 'refused' },
  });
}

/** kubectl and minikube downloaded as their docs say, and Docker installed for the `ubuntu` user (the driver minikube starts its node with). */
export const MINIKUBE_INSTALL =
  'curl -sLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.33.1/bin/linux/amd64/kubectl && chmod +x /usr/local/bin/kubectl\n' +
  'cd /tmp && curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64 && install minikube-linux-amd64 /usr/local/bin/minikube\n' +
  'apt-get install -y docker.io >/dev/null 2>&1\ngetent group docker >/dev/null || groupadd docker\nusermod -aG docker ubuntu';
