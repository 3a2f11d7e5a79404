/**
 * Replays a case of writes-world.ts with our kubectl in a fresh world (same setup, same files) and
 * writes its transcript as the goldens of the real kubectl do (writes-record.ts).
 */
import { runScript } from '../../src/runtime/session';
import { clusterOf } from '../../src/sim/cluster/attach';
import type { ApiRequest } from '../../src/sim/apiserver/types';
import type { World } from '../../src/sim/world';
import { buildWriteWorld, recordedRequest, type SentPatch, type SentRequest, transcript, WORKDIR, type WriteCase } from './writes-world';

/** Cases whose replay still differs from the real kubectl, with why (to be fixed, then removed). */
export const KNOWN_DIFFERENCES: Record<string, string> = {};

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

export async function replay(c: WriteCase): Promise<string> {
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
