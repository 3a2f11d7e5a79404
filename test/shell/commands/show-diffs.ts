/** Developer aid: print every case whose replay differs from its golden. npx tsx test/shell/commands/show-diffs.ts [group...] */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groups } from './cases/index';
import type { GoldenFile } from './cases/types';
import { runCase } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
for (const [name, cases] of Object.entries(groups)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const golden = JSON.parse(readFileSync(join(here, 'golden', `${name}.json`), 'utf8')) as GoldenFile;
  for (let i = 0; i < cases.length; i++) {
    const want = golden.cases[i];
    let got;
    try {
      got = await runCase(cases[i], want?.nowMs ?? golden.nowMs, golden.mtimeMs);
    } catch (e) {
      console.log(`THROW ${cases[i].cmd}: ${(e as Error).stack}`);
      continue;
    }
    for (const k of ['stdout', 'stderr', 'status'] as const) {
      if (got[k] !== want[k]) console.log(`${name}: ${cases[i].cmd}\n  ${k} want ${JSON.stringify(want[k])}\n  ${k} got  ${JSON.stringify(got[k])}`);
    }
  }
}
