/**
 * A host of the simulated world: its identity (hostname, IP, OS, size), its filesystem, and a
 * place for the subsystems other parts hang on it (packages, systemd units, kernel modules,
 * container runtime…) under `ext`, each keyed by its own name and serialised with the machine.
 */
import { MemFs, type FsView, type Credentials } from './fs';
import { buildUbuntuImage, type ImageUser } from './image';
import { buildCentosImage } from './centos-image';
import { resolveUser, type ResolvedUser } from './users';

export interface OsInfo {
  id: string;
  version: string;
  codename: string;
  pretty: string;
}

export const UBUNTU_2204: OsInfo = { id: 'ubuntu', version: '22.04', codename: 'jammy', pretty: 'Ubuntu 22.04.5 LTS' };
export const CENTOS_7: OsInfo = { id: 'centos', version: '7', codename: 'Core', pretty: 'CentOS Linux 7 (Core)' };

/** Does the machine use rpm and yum (the CentOS flavour) rather than dpkg and apt? */
export function isRpmBased(machine: { os: OsInfo }): boolean {
  return machine.os.id === 'centos' || machine.os.id === 'rhel' || machine.os.id === 'rocky';
}

export interface MachineSpec {
  hostname: string;
  ip: string;
  cpus?: number;
  memoryMiB?: number;
  /** Users besides root; the first is the default login user. */
  users?: ImageUser[];
  /** Program names for /usr/bin. */
  programs?: string[];
  swap?: boolean;
}

export interface MachineJSON {
  hostname: string;
  ip: string;
  os: OsInfo;
  cpus: number;
  memoryMiB: number;
  defaultUser: string;
  nextPid: number;
  fs: unknown;
  ext: Record<string, unknown>;
}

/** A serialisable extension: any object with toJSON, restored by its owner from machine.ext. */
export type MachineExt = Record<string, unknown>;

export class Machine {
  hostname: string;
  ip: string;
  os: OsInfo;
  cpus: number;
  memoryMiB: number;
  /** The login user when none is named (the image's first normal user). */
  defaultUser: string;
  fs: MemFs;
  /**
   * Subsystems attached by other parts (e.g. ext.packages, ext.systemd, ext.kernel). Values must
   * be JSON-serialisable, or objects with toJSON that their owner rebuilds after fromJSON.
   */
  ext: MachineExt = {};
  private nextPid: number;

  constructor(init: { hostname: string; ip: string; os?: OsInfo; cpus?: number; memoryMiB?: number; defaultUser?: string; fs: MemFs; nextPid?: number }) {
    this.hostname = init.hostname;
    this.ip = init.ip;
    this.os = init.os ?? UBUNTU_2204;
    this.cpus = init.cpus ?? 2;
    this.memoryMiB = init.memoryMiB ?? 4096;
    this.defaultUser = init.defaultUser ?? 'root';
    this.fs = init.fs;
    this.nextPid = init.nextPid ?? 1000;
  }

  /** A fresh Ubuntu 22.04 server. */
  static ubuntu(spec: MachineSpec, now: () => number): Machine {
    const fs = new MemFs(now);
    const users = spec.users ?? [{ name: 'ubuntu', uid: 1000, sudo: true }];
    buildUbuntuImage(fs.admin, { hostname: spec.hostname, users, programs: spec.programs ?? [], swapKiB: spec.swap === false ? undefined : 4194300 });
    if (spec.swap === false) {
      fs.admin.writeFile('/proc/swaps', 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n');
    }
    return new Machine({ hostname: spec.hostname, ip: spec.ip, cpus: spec.cpus, memoryMiB: spec.memoryMiB, defaultUser: users[0]?.name ?? 'root', fs });
  }

  /** A fresh CentOS Linux 7 (Core) minimal install: only root, unless users are named. */
  static centos(spec: MachineSpec, now: () => number): Machine {
    const fs = new MemFs(now);
    const users = spec.users ?? [];
    buildCentosImage(fs.admin, { hostname: spec.hostname, users, programs: spec.programs ?? [], swapKiB: spec.swap === false ? undefined : 4063228 });
    if (spec.swap === false) fs.admin.writeFile('/proc/swaps', 'Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n');
    return new Machine({ hostname: spec.hostname, ip: spec.ip, os: CENTOS_7, cpus: spec.cpus, memoryMiB: spec.memoryMiB, defaultUser: users[0]?.name ?? 'root', fs });
  }

  /** A new process id (for $$, $! and `[1] PID`). */
  allocatePid(): number {
    const pid = this.nextPid;
    this.nextPid += 1 + (pid % 7 === 3 ? 2 : 0);
    return pid;
  }

  /** Root's view of the filesystem. */
  get rootFs(): FsView {
    return this.fs.admin;
  }

  user(name: string): ResolvedUser | undefined {
    return resolveUser(this.fs.admin, name);
  }

  view(creds: Credentials, cwd: string): FsView {
    return this.fs.view(creds, cwd);
  }

  toJSON(): MachineJSON {
    const ext: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.ext)) ext[k] = v && typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v;
    return { hostname: this.hostname, ip: this.ip, os: this.os, cpus: this.cpus, memoryMiB: this.memoryMiB, defaultUser: this.defaultUser, nextPid: this.nextPid, fs: this.fs.toJSON(), ext };
  }

  static fromJSON(data: MachineJSON, now: () => number): Machine {
    const m = new Machine({ ...data, fs: MemFs.fromJSON(data.fs, now) });
    m.ext = JSON.parse(JSON.stringify(data.ext ?? {}));
    return m;
  }
}
