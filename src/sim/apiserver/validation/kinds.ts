/** Per-kind validators (create and update), keyed 'group/Kind'. */
import type { Cause } from '../errors';
import type { RequestContext } from '../context';
import type { KubeObject } from '../types';

export type KindValidator = (obj: KubeObject, ctx: RequestContext) => Cause[];
export type UpdateValidator = (next: KubeObject, old: KubeObject, ctx: RequestContext) => Cause[];

export const KIND_VALIDATORS: Record<string, KindValidator> = {};
export const UPDATE_VALIDATORS: Record<string, UpdateValidator> = {};
