/**
 * Our kubectl printing our API server's refusals of claim updates, against the real kubectl 1.33
 * printing the same refusals (kubectl-refusals-golden.json, recorded by
 * scripts/golden/go-cmp/kubectl-record.sh from a stub server that answers with our Status):
 * `kubectl patch`'s message, and the file `kubectl edit` reopens with the causes as comments (or,
 * refused by an admission plugin, the file it keeps and the replace it suggests).
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { CASES, SETUP } from '../../../scripts/golden/go-cmp/refusal-cases';

interface Recorded {
  patch: { stderr: string; exit: number };
  edit: { stderr: string; exit: number; reopened: string };
}
const golden: Record<string, Recorded> = JSON.parse(readFileSync(new URL('./kubectl-refusals-golden.json', import.meta.url), 'utf8'));

/** The comments at the top of the reopened file (the object below them is printed from the stub's copy). */
const header = (file: string) => file.slice(0, file.indexOf('\napiVersion:') + 1);

// An editor that makes the case's change, then keeps the file it is shown again and empties it.
const EDITOR = `cat > /tmp/editor.sh <<'SH'
if [ -e /tmp/edited ]; then cp "$1" /tmp/reopened.txt; : > "$1"; else sed -i "$(cat /tmp/sed)" "$1"; touch /tmp/edited; fi
SH
`;

describe('kubectl and the refused claim updates, as the real kubectl prints them', () => {
  let world: World;
  beforeEach(async () => {
    world = bootWorld('cluster');
    await runScript(world, 'cka01', SETUP + EDITOR);
  });

  it.each(Object.keys(CASES))('%s', async (name) => {
    const { patch, sed } = CASES[name];
    const real = golden[name];
    let r = await runScript(world, 'cka01', `kubectl patch pvc c1 --type=merge -p '${JSON.stringify(patch)}'\necho "rc=$?"`);
    expect(r.stderr).toBe(real.patch.stderr);
    expect(r.stdout).toBe(`rc=${real.patch.exit}\n`);
    r = await runScript(world, 'cka01', `echo '${sed}' > /tmp/sed\nKUBE_EDITOR="bash /tmp/editor.sh" kubectl edit pvc c1\necho "rc=$?"`);
    expect(r.stderr.replace(/\/tmp\/kubectl-edit-\d+\.yaml/g, '/tmp/kubectl-edit-N.yaml')).toBe(real.edit.stderr);
    expect(r.stdout).toBe(`rc=${real.edit.exit}\n`);
    const reopened = (await runScript(world, 'cka01', 'cat /tmp/reopened.txt')).stdout;
    expect(header(reopened)).toBe(header(real.edit.reopened));
  });
});
