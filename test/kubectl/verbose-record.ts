/**
 * Records the verbose goldens (test/kubectl/verbose-golden/) from the real kubectl 1.33: each case
 * of verbose-world.ts in a fresh world served over loopback HTTP as kube-apiserver answers
 * (verbose-bridge.ts), its commands run through bash in a temporary directory with its files and
 * an empty $HOME, `kubectl` naming the real client. Each program takes PROGRAM_MS of simulated
 * time, as in our shell. Run: npx tsx test/kubectl/verbose-record.ts [case-name…]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROGRAM_MS } from '../../src/runtime/programs';
import { buildWriteWorld, goldenName, transcript } from './writes-world';
import { VERBOSE_CASES } from './verbose-world';
import { serveWorldVerbose } from './verbose-bridge';
import { loopbackKubeconfig } from './real-kubectl';
import { realKubectlBin, runBash } from './real-bash';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'verbose-golden');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = mkdtempSync(join(tmpdir(), 'verbose-oracle-'));
  const bin = realKubectlBin(dir);
  mkdirSync(OUT, { recursive: true });
  for (const [i, c] of VERBOSE_CASES.entries()) {
    if (only.length && !only.includes(c.name)) continue;
    const world = await buildWriteWorld(c);
    const bridge = await serveWorldVerbose(world);
    const work = join(dir, c.name);
    const home = join(dir, `${c.name}.home`);
    mkdirSync(work);
    mkdirSync(home);
    for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(work, name), text);
    const kubeconfig = join(dir, `${c.name}.kubeconfig`);
    writeFileSync(kubeconfig, loopbackKubeconfig(bridge.port));
    const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: home, KUBECONFIG: kubeconfig };
    let out = '';
    for (const command of c.commands) {
      const r = await runBash(command, work, env);
      world.clock.advance(PROGRAM_MS);
      out += transcript(command, r);
      process.stdout.write(`${c.name}: ${command}: ${r.exit}\n`);
    }
    writeFileSync(join(OUT, goldenName(i, c)), out);
    await bridge.close();
  }
  rmSync(dir, { recursive: true, force: true });
}

void main();
