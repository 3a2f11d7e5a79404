/**
 * Our kubectl against our API server, for writes that must fail as on kube-apiserver 1.33, compared
 * byte for byte with the real kubectl 1.33 run against the same world served over HTTP
 * (test/golden/patch-decode, recorded by scripts/golden/patch-decode/record.ts): patches whose
 * result does not decode, numbers Go's integer fields cannot hold, and a claim's and a volume's
 * volumeAttributesClassName dropped (its feature gate is off in v1.33).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { CASES, CLAIM_STEPS, FILES, SETUP } from '../../../scripts/golden/patch-decode/cases';

interface Recorded {
  command: string;
  stdout: string;
  stderr: string;
  exit: number;
}

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../golden/patch-decode/${name}.json`, import.meta.url), 'utf8'));
const golden = (name: string): Recorded => read(name) as Recorded;

const writeFiles = Object.entries(FILES)
  .map(([name, text]) => `cat > ${name} <<'EOF'\n${text}EOF\n`)
  .join('');

describe('refused writes through kubectl, as the real kubectl 1.33 prints them', () => {
  let world: World;
  beforeAll(async () => {
    world = bootWorld('cluster');
    await runScript(world, 'cka01', SETUP + writeFiles);
  });

  it.each(Object.keys(CASES))('%s', async (name) => {
    const real = golden(name);
    expect(real.command).toBe(CASES[name]);
    const r = await runScript(world, 'cka01', real.command);
    expect({ stdout: r.stdout, stderr: r.stderr, exit: r.status }).toEqual({ stdout: real.stdout, stderr: real.stderr, exit: real.exit });
  });
});

describe('a claim and a volume naming a VolumeAttributesClass, as the real kubectl 1.33 shows them', () => {
  it('are taken without the field; a second apply is configured, a patch of it no change', async () => {
    const real = read('claim-steps') as Recorded[];
    expect(real.map((s) => s.command)).toEqual(CLAIM_STEPS);
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', writeFiles);
    for (const step of real) {
      const r = await runScript(world, 'cka01', step.command);
      expect({ command: step.command, stdout: r.stdout, stderr: r.stderr, exit: r.status }).toEqual(step);
    }
  });
});
