/**
 * A patch body that arrives as text (what a client sent, unparsed) read as the patch handler reads
 * it: malformed JSON fails with Go's syntax error, prefixed "error decoding patch" where the
 * handler decodes strictly first (JSON and merge patches under field validation Warn, the default,
 * or Strict); a strategic merge patch's error is the decoder's alone.
 */
import { parse as parseYaml } from 'yaml';
import { errors } from '../errors';
import type { RequestContext } from '../context';
import type { PatchType, Status } from '../types';
import { goJsonSyntaxError } from '../../go-json-syntax';

export function decodePatchText(ctx: RequestContext, type: PatchType, text: string): { ok: true; value: unknown } | { ok: false; status: Status } {
  if (type === 'application/apply-patch+yaml') {
    try {
      return { ok: true, value: parseYaml(text) };
    } catch (e) {
      return { ok: false, status: errors.badRequest(`error decoding YAML: ${e instanceof Error ? e.message : String(e)}`) };
    }
  }
  const syntax = goJsonSyntaxError(text);
  if (syntax === undefined) return { ok: true, value: JSON.parse(text) };
  const strict = ctx.query.fieldValidation !== 'Ignore';
  if (type === 'application/strategic-merge-patch+json') return { ok: false, status: errors.badRequest(syntax) };
  if (strict) return { ok: false, status: errors.badRequest(`error decoding patch: ${syntax}`) };
  // Unchecked, the JSON patch library's decoder fails on it; the merge patch library calls it a bad patch.
  return { ok: false, status: errors.badRequest(type === 'application/json-patch+json' ? syntax : 'Invalid JSON Patch') };
}
