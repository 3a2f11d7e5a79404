/**
 * Writes as the real kubectl 1.33 meets the simulated API server: each case of writes-world.ts is
 * replayed by our kubectl in a fresh world (same setup, same files), and every command's stdout,
 * stderr and exit status must equal what the real kubectl printed against the same world served
 * over HTTP (goldens in writes-golden/, recorded by writes-record.ts). A difference is either our
 * API server's answer (status, message, warnings) or our kubectl's rendering of it. Cases that record
 * PATCH requests also compare the bodies our kubectl sends with the real one's, key order included;
 * cases that record requests compare every write (method, path, query, media type, body as sent)
 * and every read of a subresource.
 * Not covered, on purpose (writes-world.ts says why): an interactive edit, apply --prune, and
 * wait / rollout status (their outcome depends on how far each run's clock moved).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/runtime/session';
import { clusterOf } from '../../src/sim/cluster/attach';
import type { ApiRequest } from '../../src/sim/apiserver/types';
import type { World } from '../../src/sim/world';
import { buildWriteWorld, CASES, goldenName, recordedRequest, type SentPatch, type SentRequest, transcript, WORKDIR, type WriteCase } from './writes-world';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'writes-golden');

/** Cases whose replay still differs from the real kubectl, with why (to be fixed, then removed). */
const KNOWN_DIFFERENCES: Record<string, string> = {};

/** Who the kubeconfig of the `cluster` scenario authenticates as: kubectl's requests, not the controllers'. */
const ADMIN = 'kubernetes-admin';

/** Records the requests our kubectl sends (what the bridge records of the real one): its PATCHes, and those recordedRequest keeps. */
function watchRequests(world: World): { patches: SentPatch[]; requests: SentRequest[] } {
  const patches: SentPatch[] = [];
  const requests: SentRequest[] = [];
  const api = clusterOf(world)!.apiServer;
  const request = api.request.bind(api);
  api.request = ((req: ApiRequest) => {
    if (req.user?.username === ADMIN) {
      if (req.verb === 'patch') patches.push({ contentType: req.patchType ?? '', body: req.body });
      if (recordedRequest(req)) requests.push({ request: { ...req, query: { ...req.query } }, body: structuredClone(req.body) });
    }
    return request(req);
  }) as typeof api.request;
  return { patches, requests };
}

async function replay(c: WriteCase): Promise<string> {
  const world = await buildWriteWorld(c);
  const fs = world.machines.get('cka01')!.rootFs;
  fs.mkdir(WORKDIR, { recursive: true });
  for (const [name, text] of Object.entries(c.files ?? {})) {
    fs.mkdir(`${WORKDIR}/${name}`.replace(/\/[^/]*$/, ''), { recursive: true });
    fs.writeFile(`${WORKDIR}/${name}`, text);
  }
  const { patches, requests } = watchRequests(world);
  let out = '';
  for (const command of c.commands) {
    patches.length = 0;
    requests.length = 0;
    const r = await runScript(world, 'cka01', `cd ${WORKDIR}\n${command}`);
    out += transcript(command, { stdout: r.stdout, stderr: r.stderr, exit: r.status }, c.recordPatches ? patches : [], c.recordRequests ? requests : []);
  }
  return out;
}

describe('kubectl writes print what the real kubectl 1.33 prints against the same API server', () => {
  it('has one golden per case', () => {
    expect(readdirSync(GOLDEN).sort()).toEqual(CASES.map((c, i) => goldenName(i, c)).sort());
  });
  for (const [i, c] of CASES.entries()) {
    const known = KNOWN_DIFFERENCES[c.name];
    (known ? it.fails : it)(`${c.name}${known ? ` (known difference: ${known})` : ''}`, async () => {
      expect(await replay(c)).toBe(readFileSync(join(GOLDEN, goldenName(i, c)), 'utf8'));
    }, 60_000);
  }
});
