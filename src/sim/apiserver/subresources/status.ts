/** The status subresource: get returns the whole object; update/patch change only .status. */
import { isStatus, fail } from '../errors';
import type { Handler } from '../context';
import type { Verb } from '../types';
import { getHandler } from '../handlers/read';
import { updateObject } from '../handlers/write';
import { patchObject } from '../handlers/patch';
import { decodeBody } from '../validation/decode';

export const statusHandlers: Partial<Record<Verb, Handler>> = {
  get: getHandler,
  update: (ctx) => {
    const decoded = decodeBody(ctx, ctx.req.body);
    if (isStatus(decoded)) return fail(decoded);
    return updateObject(ctx, decoded, 'status');
  },
  patch: (ctx) => patchObject(ctx, 'status'),
};
