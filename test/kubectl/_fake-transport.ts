/** A transport that only answers discovery (like the recording stub) and 404s everything else. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiTransport, DiscoveryDocument, Status } from '../../src/sim/apiserver/types';

export function stubDiscovery(): DiscoveryDocument {
  return JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'kubectl', '_inputs', 'discovery.json'), 'utf8')) as DiscoveryDocument;
}

const notFound: Status = {
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
  message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404,
};

export function discoveryTransport(doc: DiscoveryDocument = stubDiscovery()): ApiTransport {
  return {
    request: () => ({ code: 404, body: notFound }),
    watch: () => notFound,
    discovery: () => doc,
  };
}
