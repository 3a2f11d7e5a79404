/**
 * Unit files as systemd finds them: the search path (/etc/systemd/system, /run/systemd/system,
 * /usr/lib/systemd/system, /lib/systemd/system), drop-in directories (<unit>.d/*.conf), enablement
 * (symlinks in *.wants/) and masking (a symlink to /dev/null). The files decide what exists.
 */
import type { FsView } from '../machine/fs';

/** Debian's order: /lib before /usr/lib, so a packaged unit shows as /lib/systemd/system/… on jammy. */
export const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system'];
/** Red Hat's order: packages install under /usr/lib, and status shows /usr/lib/systemd/system/…. */
const RPM_UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];

function unitDirs(fs: FsView): string[] {
  return fs.stat('/etc/redhat-release') ? RPM_UNIT_DIRS : UNIT_DIRS;
}

/** Drop-in directories are reported under /usr/lib (where packages put them). */
const DROPIN_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];

export interface UnitFile {
  name: string;
  /** Where the unit was found (its FragmentPath). */
  path: string;
  dropIns: string[];
  /** Section → key → values (a key may repeat: ExecStart=, Environment=). */
  sections: Record<string, Record<string, string[]>>;
  masked: boolean;
}

/** `kubelet` → `kubelet.service`; names with a known suffix are kept. */
export function unitName(arg: string): string {
  return /\.(service|socket|target|timer|mount|path|slice|scope|device|swap)$/.test(arg) ? arg : `${arg}.service`;
}

export function parseUnitText(text: string, into: Record<string, Record<string, string[]>> = {}): Record<string, Record<string, string[]>> {
  let section = '';
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      section = sec[1];
      into[section] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0 || !section) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    const values = (into[section][key] ??= []);
    // An empty assignment resets a list (ExecStart= in a drop-in clears the original).
    if (value === '') values.length = 0;
    else values.push(value);
  }
  return into;
}

function safeReaddir(fs: FsView, dir: string): string[] {
  try {
    return fs.readdir(dir);
  } catch {
    return [];
  }
}

/** Find and parse a unit; undefined when no file names it (systemd: "not loaded"/"not found"). */
export function loadUnit(fs: FsView, name: string): UnitFile | undefined {
  let path: string | undefined;
  let masked = false;
  for (const dir of unitDirs(fs)) {
    const p = `${dir}/${name}`;
    const l = fs.lstat(p);
    if (!l) continue;
    if (l.type === 'symlink' && (l.target === '/dev/null' || fs.realpath(p) === '/dev/null')) {
      masked = true;
      path = p;
      break;
    }
    if (fs.stat(p)?.type === 'file') {
      path = p;
      break;
    }
  }
  if (!path) return undefined;
  const sections: Record<string, Record<string, string[]>> = {};
  const dropIns: string[] = [];
  if (!masked) {
    parseUnitText(fs.readFile(path), sections);
    const seen = new Set<string>();
    const confs: Array<[string, string]> = [];
    for (const dir of DROPIN_DIRS) {
      for (const f of safeReaddir(fs, `${dir}/${name}.d`)) {
        if (!f.endsWith('.conf') || seen.has(f)) continue;
        seen.add(f);
        confs.push([f, `${dir}/${name}.d/${f}`]);
      }
    }
    for (const [, p] of confs.sort((a, b) => a[0].localeCompare(b[0]))) {
      try {
        parseUnitText(fs.readFile(p), sections);
        dropIns.push(p);
      } catch {
        /* unreadable drop-in is skipped */
      }
    }
  }
  return { name, path, dropIns, sections, masked };
}

export function unitValue(unit: UnitFile, section: string, key: string): string | undefined {
  const v = unit.sections[section]?.[key];
  return v && v.length ? v[v.length - 1] : undefined;
}

/** Every unit file name on the search path (for list-unit-files). */
export function allUnitNames(fs: FsView): string[] {
  const names = new Set<string>();
  for (const dir of UNIT_DIRS) for (const f of safeReaddir(fs, dir)) if (/\.(service|socket|target|timer)$/.test(f)) names.add(f);
  return [...names].sort();
}

/** The targets a unit is wanted by when enabled ([Install] WantedBy=). */
export function wantedBy(unit: UnitFile): string[] {
  return (unit.sections.Install?.WantedBy ?? []).flatMap((v) => v.split(/\s+/)).filter(Boolean);
}

export type EnablementState = 'enabled' | 'disabled' | 'static' | 'masked' | 'alias' | 'indirect' | 'generated';

export function enablement(fs: FsView, unit: UnitFile): EnablementState {
  if (unit.masked) return 'masked';
  const targets = wantedBy(unit);
  if (!targets.length) return 'static';
  for (const t of targets) if (fs.lstat(`/etc/systemd/system/${t}.wants/${unit.name}`)) return 'enabled';
  return 'disabled';
}

/** Preset of the vendor (Ubuntu enables everything by default). */
export function vendorPreset(): string {
  return 'enabled';
}
