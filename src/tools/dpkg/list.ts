/**
 * dpkg-query -l (src/querycmd.c listpackages): a header, then a row per package; each column is
 * as wide as its longest value, at least 14 (name), 12 (version), 12 (architecture) and 33
 * (description), whatever the terminal's width (dpkg 1.19.1 stopped cutting rows to COLUMNS).
 */
import type { DpkgPackage } from './database';
import type { Io } from './output';
import { specMatches } from './pkg-spec';

const HEADER = `Desired=Unknown/Install/Remove/Purge/Hold
| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend
|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)
`;

const synopsis = (p: DpkgPackage) => p.description.split('\n')[0];

export function listPackages(io: Io, packages: DpkgPackage[], patterns: string[]): number {
  const selected = patterns.length ? packages.filter((p) => patterns.some((s) => specMatches(s, p))) : packages;
  if (selected.length) {
    const nw = Math.max(14, ...selected.map((p) => p.name.length));
    const vw = Math.max(12, ...selected.map((p) => p.version.length));
    const aw = Math.max(12, ...selected.map((p) => p.architecture.length));
    const dw = Math.max(33, ...selected.map((p) => synopsis(p).length));
    const row = (state: string, name: string, version: string, arch: string, desc: string) =>
      `${state} ${name.padEnd(nw)} ${version.padEnd(vw)} ${arch.padEnd(aw)} ${desc.slice(0, dw)}\n`;
    let text = HEADER + row('||/', 'Name', 'Version', 'Architecture', 'Description');
    text += `+++-${'='.repeat(nw)}-${'='.repeat(vw)}-${'='.repeat(aw)}-${'='.repeat(dw)}\n`;
    for (const p of selected) text += row(`${p.want === 'hold' ? 'h' : 'i'}i `, p.name, p.version, p.architecture, synopsis(p));
    io.paged(text);
  }
  return reportMisses(io, packages, patterns);
}

/** `no packages found matching PATTERN` for each pattern that selected nothing; the count of them. */
export function reportMisses(io: Io, packages: DpkgPackage[], patterns: string[]): number {
  let misses = 0;
  for (const s of patterns) {
    if (packages.some((p) => specMatches(s, p))) continue;
    io.notice(`no packages found matching ${s}`);
    misses++;
  }
  return misses;
}
