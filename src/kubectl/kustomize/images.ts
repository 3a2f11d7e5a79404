/** The images transformer: newName, newTag and digest for containers whose image name matches. */
import type { KubeObject } from '../../sim/apiserver/types';
import { containersOf, podSpecs } from './workloads';

export interface ImageRule {
  name?: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  tagSuffix?: string;
}

/** Split an image reference into name, tag (':x') and digest ('@sha256:…'). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

export function rewriteImage(image: string, rule: ImageRule): string {
  const parts = splitImage(image);
  if (parts.name !== rule.name) return image;
  const name = rule.newName || parts.name;
  if (rule.digest) return `${name}@${rule.digest}`;
  if (rule.newTag) return `${name}:${rule.newTag}`;
  if (rule.tagSuffix) return `${name}:${parts.tag}${rule.tagSuffix}`;
  return `${name}${parts.tag ? ':' + parts.tag : ''}${parts.digest ? '@' + parts.digest : ''}`;
}

export function applyImages(obj: KubeObject, rules: ImageRule[]): void {
  for (const spec of podSpecs(obj)) {
    for (const c of containersOf(spec)) {
      if (typeof c.image !== 'string') continue;
      for (const rule of rules) {
        const next = rewriteImage(c.image, rule);
        if (next !== c.image) {
          c.image = next;
          break;
        }
      }
    }
  }
}
