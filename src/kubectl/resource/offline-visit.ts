/**
 * The visit of -f when no server answers (the kubeconfig's address refuses): every object read
 * needs discovery to be mapped, which fails once per object (a klog line each try) as `unable to
 * recognize "FILE": Get …: connection refused`, one error among the visit's own in visit order;
 * the documents that failed to read are the others (kubectl 1.33, golden offline/035-036).
 */
import { checkErr, continueOnErrorResult, errorText, GoAggregate, type GoError } from '../client/go-errors';
import { serverAddress, dialRefused } from '../client/server-address';
import { discoveryRefusedLines, discoveryTimeout, session } from '../client/session';
import { type KubectlError, raw } from '../errors';
import type { Invocation } from '../invocation';
import { type FileVisit, visitFilenameObjects } from './files';
import { hasFileSource } from './kustomize-source';

/**
 * The visit of -f without a server: the discovery lines its mappings log (one per object read)
 * and its errors in visit order; undefined when it read no object.
 */
export function offlineVisit(inv: Invocation, visits: FileVisit[]): { lines: string; errors: GoError[] } | undefined {
  const objects = visits.filter((v) => !('error' in v)).length;
  if (objects === 0) return undefined;
  const addr = serverAddress(session(inv).config.server);
  const refused = `Get "${addr.url}/api?timeout=${discoveryTimeout(inv)}": ${dialRefused(addr)}`;
  const errors: GoError[] = visits.map((v) => ('error' in v ? v.error : `unable to recognize ${JSON.stringify(v.source)}: ${refused}`));
  return { lines: discoveryRefusedLines(inv, addr, objects), errors };
}

/** The command's error for the visit of -f without a server (ContinueOnError); undefined when it read no object. */
export function offlineVisitError(inv: Invocation, visits: FileVisit[]): KubectlError | undefined {
  const visit = offlineVisit(inv, visits);
  return visit && raw(`${visit.lines}\n${checkErr(continueOnErrorResult([], visit.errors)!).text}`);
}

/**
 * Before a verb with -f dials a server that is not there: every object read fails its mapping
 * (ContinueOnError, the reading errors among them in visit order), or only the first error when
 * the builder stops at it (`firstOnly`); `nothingFound` words the error of a verb that says so
 * with the visit's aggregate (scale). Nothing is thrown when a server answers or nothing was read.
 */
export async function failOfflineFiles(inv: Invocation, opts: { firstOnly?: boolean; nothingFound?: string } = {}): Promise<void> {
  if (!hasFileSource(inv) || session(inv).transport) return;
  const visit = offlineVisit(inv, await visitFilenameObjects(inv, false));
  if (!visit) return;
  if (opts.firstOnly) throw raw(`${discoveryRefusedLines(inv, serverAddress(session(inv).config.server), 1)}\n${checkErr(visit.errors[0]).text}`);
  if (opts.nothingFound) throw raw(`${visit.lines}\nerror: ${opts.nothingFound} ${errorText(new GoAggregate(visit.errors))}`);
  throw raw(`${visit.lines}\n${checkErr(continueOnErrorResult([], visit.errors)!).text}`);
}
