/**
 * `npm run bench`: runs every benchmark module in src/bench/ and prints one JSON object a line:
 * {"name": "api.create_pod", "value": 12.3, "unit": "us"}. Targets live in the issues and notes,
 * not in tests. `npm run bench -- api` runs only the modules whose file name starts with "api".
 * With several modules, each runs in a child process of its own (the same Node flags).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: number;
}

export interface BenchModule {
  run(): Promise<BenchResult[]> | BenchResult[];
}

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(dir)
  .filter((f) => /\.ts$/.test(f) && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

let failed = false;
if (files.length > 1) {
  // Each module in a process of its own: a module that leaves a large heap behind (the 10,000-pod
  // cluster) would otherwise slow every module measured after it through the garbage collector.
  for (const file of files) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), file.replace(/\.ts$/, '')], { stdio: 'inherit' });
    if (child.status !== 0) failed = true;
  }
} else {
  for (const file of files) {
    try {
      const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule;
      for (const result of await mod.run()) console.log(JSON.stringify(result));
    } catch (err) {
      failed = true;
      console.error(`bench ${file}: ${(err as Error).stack ?? err}`);
    }
  }
}
process.exit(failed ? 1 : 0);
