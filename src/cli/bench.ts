/**
 * `npm run bench`: runs every benchmark module in src/bench/ and prints one JSON object a line:
 * {"name": "api.create_pod", "value": 12.3, "unit": "us"}. Targets live in the issues and notes,
 * not in tests. `npm run bench -- api` runs only the modules whose file name starts with "api".
 * With several modules, each runs in a child process of its own (the same Node flags); the core's
 * modules run bundled (see BUNDLED).
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

/**
 * Modules of the pure core run as the site ships that code: bundled by esbuild and run by plain
 * Node. Under tsx every named function is wrapped in a keepNames `__name(...)` call that the site's
 * build does not have (5–10 % of an API request). The modules that drive a browser import the test
 * helpers and stay on tsx.
 */
const BUNDLED = new Set(['api', 'cluster', 'kubeadm', 'kubectl', 'shell']);
const bundleDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '.cache', 'cka-bench');

/** Bundle one module with a runner that prints its results; returns the file to run with node. */
async function bundled(file: string): Promise<string> {
  const { build } = await import('esbuild');
  const name = file.replace(/\.ts$/, '');
  const outfile = join(bundleDir, `${name}.mjs`);
  const runner = [
    `import { run } from ${JSON.stringify(join(dir, file))};`,
    'try {',
    '  for (const result of await run()) console.log(JSON.stringify(result));',
    '} catch (err) {',
    `  console.error(${JSON.stringify(`bench ${file}: `)} + (err?.stack ?? err));`,
    '  process.exit(1);',
    '}',
  ].join('\n');
  await build({ stdin: { contents: runner, resolveDir: dir, loader: 'ts', sourcefile: `${name}-runner.ts` }, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  return outfile;
}

let failed = false;
for (const file of files) {
  const name = file.replace(/\.ts$/, '');
  if (BUNDLED.has(name)) {
    const child = spawnSync(process.execPath, [await bundled(file)], { stdio: 'inherit' });
    if (child.status !== 0) failed = true;
  } else if (files.length > 1) {
    // Each module in a process of its own: a module that leaves a large heap behind (the 10,000-pod
    // cluster) would otherwise slow every module measured after it through the garbage collector.
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (child.status !== 0) failed = true;
  } else {
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
