/**
 * Our API server's refusals of three claim updates, as the JSON the real kubectl will be shown
 * (kubectl-record.sh): the claim as stored, then for each case the Status refusing the patch, the
 * patch and the editor's sed expression.
 * Usage: npx tsx scripts/golden/go-cmp/sim-refusals.ts OUTDIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient, gvr } from '../../../src/sim/apiserver';
import { bootWorld, runScript } from '../../../src/runtime/session';
import { clusterOf } from '../../../src/sim/cluster/attach';
import { CASES, SETUP } from './refusal-cases';

async function main(out: string): Promise<void> {
  const world = bootWorld('cluster');
  await runScript(world, 'cka01', SETUP);
  const client = new ApiClient(clusterOf(world)!.apiServer);
  const PVCS = gvr('persistentvolumeclaims');
  mkdirSync(out, { recursive: true });
  const claim = client.get(PVCS, 'default', 'c1').body as { metadata: Record<string, unknown> };
  delete claim.metadata.managedFields;
  writeFileSync(join(out, 'claim.json'), JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', ...claim }));
  for (const [name, { patch, sed }] of Object.entries(CASES)) {
    const r = client.patch(PVCS, 'default', 'c1', patch, 'application/merge-patch+json');
    if (r.code < 400) throw new Error(`${name}: ${r.code}`);
    writeFileSync(join(out, `${name}.json`), JSON.stringify(r.body));
    writeFileSync(join(out, `${name}.patch`), JSON.stringify(patch));
    writeFileSync(join(out, `${name}.sed`), sed);
  }
  writeFileSync(join(out, 'cases'), Object.keys(CASES).join(' '));
}

void main(process.argv[2]);
