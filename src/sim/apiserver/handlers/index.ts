/** The handler tables: verb → handler, and subresource → verb → handler. */
import type { Handler } from '../context';
import type { Verb } from '../types';
import { getHandler, listHandler } from './read';
import { createHandler, updateHandler } from './write';
import { deleteHandler, deleteCollectionHandler } from './delete';
import { patchHandler } from './patch';
import { SUBRESOURCES } from '../subresources';
import { VIRTUAL_CREATE } from './reviews';

export { VIRTUAL_CREATE };

export const VERB_HANDLERS: Partial<Record<Verb, Handler>> = {
  get: getHandler,
  list: listHandler,
  create: createHandler,
  update: updateHandler,
  patch: patchHandler,
  delete: deleteHandler,
  deletecollection: deleteCollectionHandler,
};

export const SUBRESOURCE_HANDLERS: Record<string, Partial<Record<Verb, Handler>>> = SUBRESOURCES;
