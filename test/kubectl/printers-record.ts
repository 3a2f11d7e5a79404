/**
 * Records the get/describe goldens from the real kubectl 1.33: the world of printers-world.ts is
 * served over loopback HTTP (every GET answered by the simulated API server; a request that
 * accepts a Table gets one, see printers-tables.ts), the real client runs each case of
 * printers-cases.ts against it, and its stdout, stderr and exit status are written to
 * test/kubectl/printers-golden/, with every plain API answer in _api-cluster.json (the format of
 * top-replay.ts), so the test replays exactly those answers to our kubectl, and the URLs each case
 * asked for in _requests.json, so the test can check that ours asks for no other (a list where the
 * real client gets one object, a list without the selector it sends).
 *
 * Time. describe prints ages (events, a node's pods) that the real client computes from the
 * machine's real clock, and a real server computes a Table's AGE cells from its own. So:
 * - the world is booted so that its build ends just before the real time (not on the simulator's
 *   fixed 2026-01-15 epoch: ages of ~300 days would hide every seconds/minutes format), its start
 *   on a five-minute boundary so that the CronJob runs as it always does;
 * - the Tables are built at the real time of the request;
 * - every timestamp of the API is in whole seconds and ages are truncated to seconds, so an age
 *   is the same at any instant of one wall-clock second: each case is started just after a second
 *   begins and run again if it ends in another second. That second's start is the case's clock
 *   (_clock.json), which the test hands to our kubectl. No age is normalised away.
 * - but an events.k8s.io event (the scheduler's) has only an eventTime, in microseconds: its age can
 *   turn within that second. _clock.json therefore lists every instant the run is known to have
 *   lived (its start, each request it made, its end); the test accepts the output our kubectl
 *   prints at one of them, the instant the real client read its clock being one of its run.
 * Go maps. Where the real describe prints a map in Go's random order, the case is run again until
 * that order is the sorted one (printers-map-order.ts).
 *
 * Run: npx tsx test/kubectl/printers-record.ts
 */
import { createServer } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildPrintersWorld } from './printers-world';
import { CASES, goldenName } from './printers-cases';
import { asTable, type Answer } from './printers-tables';
import { mapSectionsSorted } from './printers-map-order';
import { loopbackKubeconfig, runRealKubectl } from './real-kubectl';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'printers-golden');
const FIVE_MINUTES = 300_000;

/** A start on a five-minute boundary whose build ends before now (a trial build measures its length). */
async function worldStart(): Promise<number> {
  const trialStart = Math.floor((Date.now() - 3_600_000) / FIVE_MINUTES) * FIVE_MINUTES;
  const trial = await buildPrintersWorld(trialStart);
  const length = trial.now() - trialStart;
  return Math.floor((Date.now() - length - 10_000) / FIVE_MINUTES) * FIVE_MINUTES;
}

/**
 * Run one case inside one wall-clock second (the second's start is returned as its clock), with
 * its Go-map-ordered sections in sorted order (printers-map-order.ts).
 */
async function runInOneSecond(args: string, kubeconfig: string, beforeRun: () => void): Promise<{ r: Awaited<ReturnType<typeof runRealKubectl>>; second: number }> {
  for (let attempt = 0; ; attempt++) {
    await sleep(1005 - (Date.now() % 1000));
    beforeRun();
    const second = Math.floor(Date.now() / 1000) * 1000;
    const r = await runRealKubectl(args, kubeconfig);
    if (Date.now() < second + 1000 && mapSectionsSorted(r.stdout)) return { r, second };
    if (attempt === 60) throw new Error(`kubectl ${args} never ran within one second with its maps in sorted order`);
  }
}

async function main(): Promise<void> {
  const start = await worldStart();
  const { server: api, now } = await buildPrintersWorld(start);
  const responses: Record<string, Answer> = {};
  const record = (url: string, a: Answer) => void (responses[url] = a);
  // What the real client asked for in the current case: our kubectl may ask for nothing else.
  let asked = new Set<string>();
  let instants: number[] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    asked.add(url);
    instants.push(Date.now());
    const plain = api.raw(url);
    const answer: Answer = { code: plain.code, body: plain.body };
    record(url, answer);
    const wantsTable = /as=Table/.test(req.headers.accept ?? '');
    // The CRD a custom resource's Table needs is read by the server for the real client, by ours itself: allowed to it.
    const recordAsked = (u: string, a: Answer) => (record(u, a), asked.add(u));
    const sent = wantsTable ? asTable(api, url, answer, Date.now(), recordAsked) : answer;
    res.writeHead(sent.code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(sent.body));
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  const dir = mkdtempSync(join(tmpdir(), 'printers-oracle-'));
  const kubeconfig = join(dir, 'kc.yaml');
  writeFileSync(kubeconfig, loopbackKubeconfig(port));
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const clock: Record<string, number[]> = {};
  const requests: Record<string, string[]> = {};
  for (const [i, args] of CASES.entries()) {
    const { r, second } = await runInOneSecond(args, kubeconfig, () => ((asked = new Set()), (instants = [])));
    clock[args] = [second, ...instants, Date.now()];
    requests[args] = [...asked].sort();
    writeFileSync(join(OUT, goldenName(i, args)), `$ kubectl ${args}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit ${r.exit}\n`);
    process.stdout.write(`${args}: ${r.exit}\n`);
  }
  server.close();
  writeFileSync(join(OUT, '_api-cluster.json'), `${JSON.stringify({ now: now(), worldStart: start, discovery: api.discovery(), responses }, null, 1)}\n`);
  writeFileSync(join(OUT, '_clock.json'), `${JSON.stringify(clock, null, 1)}\n`);
  writeFileSync(join(OUT, '_requests.json'), `${JSON.stringify(requests, null, 1)}\n`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
