/**
 * The visit of -f when no server answers (the kubeconfig's address refuses): every object read
 * needs discovery to be mapped, which fails once per object (a klog line each try) as `unable to
 * recognize "FILE": Get …: connection refused`, one error among the visit's own in visit order;
 * the documents that failed to read are the others (kubectl 1.33, golden offline/035-036).
 */
import { checkErr, continueOnErrorResult, type GoError } from '../client/go-errors';
import { serverAddress, dialRefused } from '../client/server-address';
import { discoveryRefusedLines, discoveryTimeout, session } from '../client/session';
import { type KubectlError, raw } from '../errors';
import type { Invocation } from '../invocation';
import type { FileVisit } from './files';

/** The command's error for the visit of -f without a server; undefined when it read no object. */
export function offlineVisitError(inv: Invocation, visits: FileVisit[]): KubectlError | undefined {
  const objects = visits.filter((v) => !('error' in v)).length;
  if (objects === 0) return undefined;
  const addr = serverAddress(session(inv).config.server);
  const refused = `Get "${addr.url}/api?timeout=${discoveryTimeout(inv)}": ${dialRefused(addr)}`;
  const errors: GoError[] = visits.map((v) => ('error' in v ? v.error : `unable to recognize ${JSON.stringify(v.source)}: ${refused}`));
  return raw(`${discoveryRefusedLines(inv, addr, objects)}\n${checkErr(continueOnErrorResult([], errors)!).text}`);
}
