/** How yum 3.4.3 (CentOS 7) lays out what it prints: the transaction table, sizes, package lists. */
import type { PlanItem } from '../../sim/packages/rpm/db';
import { parseEvr, withoutEpoch } from '../../sim/packages/rpm/version';

export const RULE = '='.repeat(80);

/** yum's format_number: 547 k, 8.3 M, 27 M. */
export function yumSize(kib: number): string {
  if (kib < 1000) return `${kib} k`;
  const m = kib / 1024;
  if (m < 1000) return m < 10 ? `${m.toFixed(1)} M` : `${Math.round(m)} M`;
  const g = m / 1024;
  return g < 10 ? `${g.toFixed(1)} G` : `${Math.round(g)} G`;
}

/** Sizes in the download lines: 547 kB, 8.3 MB. */
export function downloadSize(kib: number): string {
  return yumSize(kib).replace(/ ([kMG])$/, (_, u: string) => ` ${u}B`);
}

/** "epoch:version-release" as the tables show it (epoch only when not 0). */
export function shownEvr(evr: string): string {
  const { epoch } = parseEvr(evr);
  return epoch ? evr : withoutEpoch(evr);
}

const SECTION_TITLES: Record<string, string> = {
  install: 'Installing:',
  update: 'Updating:',
  dep: 'Installing for dependencies:',
  depUpdate: 'Updating for dependencies:',
  remove: 'Removing:',
  downgrade: 'Downgrading:',
};

/** The "Dependencies Resolved" table and the transaction summary. */
export function transactionTable(items: PlanItem[], removing = false): string {
  const rows = items.map((i) => ({ ...i, section: removing ? 'remove' : i.kind === 'downgrade' ? 'downgrade' : i.kind === 'dep' ? (i.replaces ? 'depUpdate' : 'dep') : i.replaces ? 'update' : 'install' }));
  const nameW = Math.max(22, ...rows.map((r) => r.entry.name.length + 2));
  const verW = Math.max(26, ...rows.map((r) => shownEvr(r.entry.evr).length + 2));
  const repoW = Math.max(15, ...rows.map((r) => (removing ? `@${r.repoId}` : r.repoId).length + 2));
  const line = (n: string, a: string, v: string, r: string, s: string) => ` ${n.padEnd(nameW - 1)}${a.padEnd(11)}${v.padEnd(verW)}${r.padEnd(repoW)}${s.padStart(5)}`.replace(/\s+$/, '');
  let text = `\nDependencies Resolved\n\n${RULE}\n${line('Package', 'Arch', 'Version', 'Repository', 'Size')}\n${RULE}\n`;
  for (const section of ['install', 'update', 'downgrade', 'dep', 'depUpdate', 'remove']) {
    const inSection = rows.filter((r) => r.section === section).sort((a, b) => a.entry.name.localeCompare(b.entry.name));
    if (!inSection.length) continue;
    text += `${SECTION_TITLES[section]}\n`;
    for (const r of inSection) text += `${line(r.entry.name, r.entry.arch, shownEvr(r.entry.evr), removing ? `@${r.repoId}` : r.repoId, yumSize(removing ? r.entry.installedKiB : r.entry.sizeKiB))}\n`;
  }
  const count = (n: number) => `${n} Package${n === 1 ? '' : 's'}`;
  const installs = rows.filter((r) => r.section === 'install').length;
  const updates = rows.filter((r) => r.section === 'update').length;
  const deps = rows.filter((r) => r.section === 'dep').length;
  const depUpdates = rows.filter((r) => r.section === 'depUpdate').length;
  text += `\nTransaction Summary\n${RULE}\n`;
  if (removing) text += `Remove  ${count(rows.length)}\n`;
  else {
    if (installs || deps) text += `Install  ${count(installs)}${deps ? ` (+${deps} Dependent package${deps === 1 ? '' : 's'})` : ''}\n`;
    if (updates || depUpdates) text += `Upgrade  ${count(updates)}${depUpdates ? ` (+${depUpdates} Dependent package${depUpdates === 1 ? '' : 's'})` : ''}\n`;
    const downgrades = rows.filter((r) => r.section === 'downgrade').length;
    if (downgrades) text += `Downgrade  ${count(downgrades)}\n`;
  }
  return text;
}

/** A package list in columns ("Installed:", "Dependency Installed:"). */
export function packageColumns(names: string[]): string {
  if (!names.length) return '';
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const perLine = Math.max(1, Math.floor(78 / width));
  let text = '';
  for (let i = 0; i < names.length; i += perLine) {
    text += `  ${names.slice(i, i + perLine).map((n, j, row) => (j === row.length - 1 ? n : n.padEnd(width))).join('')}\n`;
  }
  return text;
}

/** `name.arch  version  repo` rows of yum list. */
export function listRow(nameArch: string, evr: string, repo: string): string {
  const left = nameArch.length >= 40 ? `${nameArch}\n${' '.repeat(40)}` : nameArch.padEnd(40);
  const ver = shownEvr(evr);
  return `${left}${ver.padEnd(Math.max(ver.length + 1, 26))}${repo}`.replace(/\s+$/, '');
}

/** "  Installing : kubeadm-1.20.9-0.x86_64                                    1/3 " */
export function progressRow(verb: string, nevra: string, n: number, total: number): string {
  const left = `  ${verb.padEnd(11)}: ${nevra}`;
  const counter = `${n}/${total} `;
  return `${left.padEnd(80 - counter.length)}${counter}`;
}
