/**
 * Objects named by -f files, mapped to their resources and namespaces the way kubectl's
 * resource builder does (namespace from the object, else -n/context; mismatches refused).
 */
import type { KubeObject } from '../../sim/apiserver/types';
import type { Connection } from '../client/connection';
import { mapperOf } from '../client/connection';
import { KubectlError, fail } from '../errors';
import type { Invocation } from '../invocation';
import type { Mapping } from './mapper';
import { readFilenameObjectsUntilError, validationEnabled } from './files';

export interface FileObject {
  object: KubeObject;
  source: string;
  mapping: Mapping;
  namespace?: string;
}

export async function fileObjects(inv: Invocation, conn: Connection, namespace: string): Promise<FileObject[]> {
  const { objects, error } = await fileObjectsUntilError(inv, conn, namespace);
  if (error) throw error;
  return objects;
}

/** The objects mapped before the first error (a broken document, an unknown kind), and that error. */
export async function fileObjectsUntilError(inv: Invocation, conn: Connection, namespace: string): Promise<{ objects: FileObject[]; error?: KubectlError }> {
  const read = await readFilenameObjectsUntilError(inv, validationEnabled(inv));
  const mapper = mapperOf(conn);
  const explicitNs = inv.flags.str('namespace');
  const objects: FileObject[] = [];
  for (const { object, source } of read.objects) {
    try {
      objects.push(mapObject(object, source));
    } catch (e) {
      if (e instanceof KubectlError) return { objects, error: e };
      throw e;
    }
  }
  return { objects, error: read.error };

  // The builder's mapping of one object: its resource, its namespace (mismatches refused).
  function mapObject(object: KubeObject, source: string): FileObject {
    const mapping = mapper.forKind(object.apiVersion ?? '', object.kind ?? '');
    if (!mapping) {
      throw fail(
        `resource mapping not found for name: "${object.metadata?.name ?? ''}" namespace: "${object.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`,
      );
    }
    let ns: string | undefined;
    if (mapping.namespaced) {
      const own = object.metadata?.namespace;
      if (own && explicitNs && own !== explicitNs) {
        throw fail(
          `the namespace from the provided object "${own}" does not match the namespace "${explicitNs}". You must pass '--namespace=${own}' to perform this operation.`,
        );
      }
      ns = own || namespace;
      object.metadata = { ...(object.metadata ?? {}), namespace: ns };
    }
    return { object, source, mapping, namespace: ns };
  }
}

export function displayName(m: Mapping): string {
  return `${m.kind.toLowerCase()}${m.group ? '.' + m.group : ''}`;
}
