/** The status subresource: get returns the whole object; update/patch change only .status. */
import { isStatus, fail } from '../errors';
import type { Handler } from '../context';
import type { Verb } from '../types';
import { getHandler } from '../handlers/read';
import { updateObject } from '../handlers/write';
import { patchObject } from '../handlers/patch';
import { decodeBody } from '../validation/decode';
import { apiVersion } from '../context';
import { cachedObject } from '../handlers/write';

const STATUS_ONLY: ReadonlySet<string> = new Set(['status']);

export const statusHandlers: Partial<Record<Verb, Handler>> = {
  get: getHandler,
  update: (ctx) => {
    // Only status is taken from the body; the rest is checked as the real decoder would.
    const decoded = decodeBody(ctx, ctx.req.body, ctx.info.kind, apiVersion(ctx), false, STATUS_ONLY, undefined, cachedObject(ctx));
    if (isStatus(decoded)) return fail(decoded);
    return updateObject(ctx, decoded, 'status');
  },
  patch: (ctx) => patchObject(ctx, 'status'),
};
