/**
 * --help, --version, their abbreviations and getopt's errors, as the real GNU programs answer them:
 * test/shell/gnu-help.golden.json holds what Ubuntu 22.04's binaries (the nodes) and Debian 12's
 * (Debian-based images) printed for each case, recorded by scripts/gnu-help/record.mjs. Each case runs
 * through our shell on cka01 and must give the same stdout, stderr and exit status.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshWorld, runScript } from './differential/harness';
import type { World } from '../../src/sim/world';

interface Case {
  args: string[];
  stdout: string;
  stderr: string;
  status: number;
}

const golden = JSON.parse(readFileSync('test/shell/gnu-help.golden.json', 'utf8')) as Record<string, Record<string, Case[]>>;

/** Debian 12's os-release, as the nginx image has it: what picks the bookworm texts. */
const BOOKWORM = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n';

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

function casesOf(release: string): [string, string, Case][] {
  return Object.entries(golden[release]).flatMap(([program, cases]) => cases.map((c) => [program, c.args.join(' '), c] as [string, string, Case]));
}

for (const release of Object.keys(golden)) {
  describe(`GNU programs answer as ${release}'s`, () => {
    let world: World | undefined;
    const worldOf = async () => {
      if (world) return world;
      world = freshWorld();
      if (release === 'bookworm') await runScript(`rm -f /etc/os-release; printf '${BOOKWORM.replace(/\n/g, '\\n')}' > /etc/os-release`, { world });
      return world;
    };
    it.each(casesOf(release))('%s %s', async (program, _args, c) => {
      const got = await runScript(`cd /tmp\n${program} ${c.args.map(quote).join(' ')} </dev/null`, { world: await worldOf() });
      expect(got).toEqual({ stdout: c.stdout, stderr: c.stderr, status: c.status });
    });
  });
}
