/**
 * Objects named by -f files, mapped to their resources and namespaces the way kubectl's
 * resource builder does (namespace from the object, else -n/context; mismatches refused).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Connection } from '../client/connection';
import { mapperOf } from '../client/connection';
import type { KubectlError } from '../errors';
import { checkErr, type GoError } from '../client/go-errors';
import type { Invocation } from '../invocation';
import type { Mapping } from './mapper';
import { validationEnabled, visitFilenameObjects } from './files';
import { definitionFor } from '../../sim/apiserver/schema';

export interface FileObject {
  object: KubeObject;
  source: string;
  mapping: Mapping;
  namespace?: string;
}

/** The objects of -f mapped (every one, or the first error thrown as CheckErr prints it alone). */
export async function fileObjects(inv: Invocation, conn: Connection, namespace: string): Promise<FileObject[]> {
  const { objects, error } = await fileObjectsUntilError(inv, conn, namespace);
  if (error) throw error;
  return objects;
}

/** The objects mapped before the first error (a broken document, an unknown kind), and that error. */
export async function fileObjectsUntilError(inv: Invocation, conn: Connection, namespace: string): Promise<{ objects: FileObject[]; error?: KubectlError }> {
  const objects: FileObject[] = [];
  for (const visit of await visitFileObjects(inv, conn, namespace)) {
    if ('error' in visit) return { objects, error: checkErr(visit.error) };
    objects.push(visit);
  }
  return { objects };
}

/**
 * One step of the builder's visit of -f: an object mapped, or an error. Reading and mapping errors
 * are the visitors' own (gathered in an aggregate at the end); a namespace that does not match -n
 * is the builder's RequireNamespace helper's, met in turn with the errors of the command's own work
 * (outer).
 */
export type ObjectVisit = FileObject | { error: GoError; outer?: boolean; refused?: FileObject };

/** Every -f object mapped to its resource and namespace, with the errors met on the way, in order. */
export async function visitFileObjects(inv: Invocation, conn: Connection, namespace: string, validate = validationEnabled(inv), typedScheme = false): Promise<ObjectVisit[]> {
  const read = await visitFilenameObjects(inv, validate);
  const mapper = mapperOf(conn);
  const explicitNs = inv.flags.str('namespace');
  return read.map((visit) => ('error' in visit ? visit : mapObject(visit.object, visit.source)));

  // The builder's mapping of one object: its resource, its namespace (mismatches refused).
  function mapObject(object: KubeObject, source: string): ObjectVisit {
    if (typedScheme) {
      const problem = schemeDecodeError(object, source);
      if (problem) return { error: problem };
    }
    const mapping = mapper.forKind(object.apiVersion ?? '', object.kind ?? '');
    if (!mapping) {
      return {
        error: `resource mapping not found for name: "${object.metadata?.name ?? ''}" namespace: "${object.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`,
      };
    }
    let ns: string | undefined;
    if (mapping.namespaced) {
      const own = object.metadata?.namespace;
      if (own && explicitNs && own !== explicitNs) {
        // The object itself goes along: a builder with Latest fetches it (in its own namespace) first.
        return {
          error: `the namespace from the provided object "${own}" does not match the namespace "${explicitNs}". You must pass '--namespace=${own}' to perform this operation.`,
          outer: true,
          refused: { object, source, mapping, namespace: own },
        };
      }
      ns = own || namespace;
      object.metadata = { ...(object.metadata ?? {}), namespace: ns };
    }
    return { object, source, mapping, namespace: ns };
  }
}

/**
 * What kubectl's typed scheme (client-go's, registered in pkg/scheme/scheme.go) says of a kind it
 * does not hold: every kind but the built-in ones, custom resources included.
 */
function schemeDecodeError(object: KubeObject, source: string): string | undefined {
  const apiVersion = object.apiVersion ?? '';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (definitionFor(group, version, object.kind ?? '')) return undefined;
  return `unable to decode ${JSON.stringify(source)}: no kind ${JSON.stringify(object.kind)} is registered for version ${JSON.stringify(apiVersion)} in scheme "pkg/scheme/scheme.go:28"`;
}

export function displayName(m: Mapping): string {
  return `${m.kind.toLowerCase()}${m.group ? '.' + m.group : ''}`;
}
