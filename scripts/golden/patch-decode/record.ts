/**
 * Records test/golden/patch-decode/<case>.json from the real kubectl 1.33: a `cluster` world after
 * SETUP is served over loopback HTTP (test/kubectl/writes-bridge.ts) and each case's command runs
 * through bash in a temporary directory holding FILES, `kubectl` naming the real client. Then
 * CLAIM_STEPS, one after the other in a fresh world, into claim-steps.json. As in our shell, each
 * command takes PROGRAM_MS of simulated time.
 * Run: npx tsx scripts/golden/patch-decode/record.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { serveWorld } from '../../../test/kubectl/writes-bridge';
import { loopbackKubeconfig } from '../../../test/kubectl/real-kubectl';
import { realKubectlBin, runBash } from '../../../test/kubectl/real-bash';
import { PROGRAM_MS } from '../../../src/runtime/programs';
import { CASES, CLAIM_STEPS, FILES, SETUP } from './cases';

const OUT = join(process.cwd(), 'test/golden/patch-decode');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'patch-decode-'));
  const bin = realKubectlBin(dir);
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  const world = bootWorld('cluster');
  await runScript(world, 'cka01', SETUP);
  const bridge = await serveWorld(world);
  writeFileSync(join(dir, 'kc'), loopbackKubeconfig(bridge.port));
  mkdirSync(OUT, { recursive: true });
  const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: join(dir, 'home'), KUBECONFIG: join(dir, 'kc') };
  for (const [name, command] of Object.entries(CASES)) {
    const r = await runBash(command, dir, env);
    world.clock.advance(PROGRAM_MS);
    writeFileSync(join(OUT, `${name}.json`), `${JSON.stringify({ command, ...r }, null, 1)}\n`);
    console.log(name, r.exit);
  }
  await bridge.close();

  const fresh = bootWorld('cluster');
  const freshBridge = await serveWorld(fresh);
  writeFileSync(join(dir, 'kc'), loopbackKubeconfig(freshBridge.port));
  const steps = [];
  for (const command of CLAIM_STEPS) {
    const r = await runBash(command, dir, env);
    fresh.clock.advance(PROGRAM_MS);
    steps.push({ command, ...r });
    console.log(command, r.exit);
  }
  writeFileSync(join(OUT, 'claim-steps.json'), `${JSON.stringify(steps, null, 1)}\n`);
  await freshBridge.close();
  rmSync(dir, { recursive: true, force: true });
}

void main();
