/** Subresource handlers: subresource → verb → handler. */
import type { Handler } from '../context';
import type { Verb } from '../types';
import { statusHandlers } from './status';
import { scaleHandlers } from './scale';
import { bindingHandlers } from './binding';
import { evictionHandlers } from './eviction';
import { logHandlers, execHandlers } from './log-exec';
import { finalizeHandlers, approvalHandlers } from './finalize';
import { tokenHandlers } from './token';
import { ephemeralHandlers } from './ephemeral';
import { proxyHandlers } from './node-proxy';

export const SUBRESOURCES: Record<string, Partial<Record<Verb, Handler>>> = {
  status: statusHandlers,
  scale: scaleHandlers,
  binding: bindingHandlers,
  eviction: evictionHandlers,
  log: logHandlers,
  exec: execHandlers,
  finalize: finalizeHandlers,
  approval: approvalHandlers,
  token: tokenHandlers,
  ephemeralcontainers: ephemeralHandlers,
  attach: execHandlers,
  proxy: proxyHandlers,
};
