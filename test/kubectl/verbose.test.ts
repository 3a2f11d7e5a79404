/**
 * kubectl -v=N prints what the real kubectl 1.33 prints: each case of verbose-world.ts replayed by
 * our kubectl in a fresh world (same setup, same files) must give, once both sides are normalised
 * (verbose-world.ts says what varies between two real runs and how it is made alike), the stdout,
 * stderr and exit status the real client gave against the same world served over HTTP (goldens in
 * verbose-golden/, recorded by verbose-record.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/runtime/session';
import { buildWriteWorld, goldenName, transcript, WORKDIR, type WriteCase } from './writes-world';
import { normalise, VERBOSE_CASES } from './verbose-world';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'verbose-golden');

/** Cases whose replay still differs from the real kubectl, with why. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'create-file-v8':
    'the OpenAPI v3 documents are logged with an empty body (ours does not build them), and an object read from a file goes out in the file\'s key order where the real client\'s unstructured object is sorted',
};

async function replay(c: WriteCase): Promise<string> {
  const world = await buildWriteWorld(c);
  const fs = world.machines.get('cka01')!.rootFs;
  // The recorder's kubectl runs with a HOME of its own, no discovery cache in it; root's holds the
  // one its install's `kubectl apply` left.
  fs.remove('/root/.kube/cache', { recursive: true });
  fs.mkdir(WORKDIR, { recursive: true });
  for (const [name, text] of Object.entries(c.files ?? {})) fs.writeFile(`${WORKDIR}/${name}`, text);
  let out = '';
  for (const command of c.commands) {
    const r = await runScript(world, 'cka01', `cd ${WORKDIR}\n${command}`);
    out += transcript(command, { stdout: r.stdout, stderr: r.stderr, exit: r.status });
  }
  return out;
}

describe('kubectl -v=N logs what the real kubectl 1.33 logs', () => {
  it('has one golden per case', () => {
    expect(readdirSync(GOLDEN).sort()).toEqual(VERBOSE_CASES.map((c, i) => goldenName(i, c)).sort());
  });
  for (const [i, c] of VERBOSE_CASES.entries()) {
    const known = KNOWN_DIFFERENCES[c.name];
    (known ? it.fails : it)(`${c.name}${known ? ` (known difference: ${known})` : ''}`, async () => {
      expect(normalise(await replay(c))).toBe(normalise(readFileSync(join(GOLDEN, goldenName(i, c)), 'utf8')));
    }, 60_000);
  }
});
