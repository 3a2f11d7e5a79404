/**
 * The Gateway API's `standard-install.yaml` (the CRDs of the standard channel). Schemas are trimmed
 * to the fields the chapters explain (HTTPRoute rules, matches, backendRefs).
 */
import type { KubeObject } from '../apiserver/types';
import { crd, manifestText } from './yaml';

export const GATEWAY_API_VERSIONS = ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.2.1', 'v1.3.0'];

const str = (description: string) => ({ type: 'string', description });
const backendRef = {
  type: 'object',
  description: 'HTTPBackendRef defines how a HTTPRoute forwards a HTTP request.',
  required: ['name'],
  properties: {
    group: str('Group is the group of the referent. For example, "gateway.networking.k8s.io". When unspecified or empty string, core API group is inferred.'),
    kind: str('Kind is the Kubernetes resource kind of the referent. For example "Service". Defaults to "Service" when not specified.'),
    name: str('Name is the name of the referent.'),
    namespace: str('Namespace is the namespace of the backend. When unspecified, the local namespace is inferred.'),
    port: { type: 'integer', format: 'int32', description: 'Port specifies the destination port number to use for this resource. Port is required when the referent is a Kubernetes Service.' },
    weight: { type: 'integer', format: 'int32', description: 'Weight specifies the proportion of requests forwarded to the referenced backend.' },
  },
};

function httpRouteSchema(): Record<string, unknown> {
  return {
    type: 'object',
    description: 'HTTPRoute provides a way to route HTTP requests. This includes the capability to match requests by hostname, path, header, or query param. Filters can be used to specify additional processing steps. Backends specify where matching requests should be routed.',
    properties: {
      apiVersion: str('APIVersion defines the versioned schema of this representation of an object.'),
      kind: str('Kind is a string value representing the REST resource this object represents.'),
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        description: 'Spec defines the desired state of HTTPRoute.',
        properties: {
          hostnames: { type: 'array', description: 'Hostnames defines a set of hostnames that should match against the HTTP Host header to select a HTTPRoute used to process the request.', items: { type: 'string' } },
          parentRefs: { type: 'array', description: 'ParentRefs references the resources (usually Gateways) that a Route wants to be attached to.', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          rules: {
            type: 'array',
            description: 'Rules are a list of HTTP matchers, filters and actions.',
            items: {
              type: 'object',
              description: 'HTTPRouteRule defines semantics for matching an HTTP request based on conditions (matches), processing it (filters), and forwarding the request to an API object (backendRefs).',
              properties: {
                backendRefs: { type: 'array', description: 'BackendRefs defines the backend(s) where matching requests should be sent.', items: backendRef },
                filters: { type: 'array', description: 'Filters define the filters that are applied to requests that match this rule.', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
                matches: { type: 'array', description: 'Matches define conditions used for matching the rule against incoming HTTP requests.', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
              },
            },
          },
        },
      },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
}

export function gatewayApiObjects(version: string): KubeObject[] {
  const annotations = { 'api-approved.kubernetes.io': 'https://github.com/kubernetes-sigs/gateway-api/pull/3328', 'gateway.networking.k8s.io/bundle-version': version, 'gateway.networking.k8s.io/channel': 'standard' };
  const g = 'gateway.networking.k8s.io';
  const objs = [
    crd(g, 'GatewayClass', 'gatewayclasses', 'Cluster', { shortNames: ['gc'], status: true, annotations }),
    crd(g, 'Gateway', 'gateways', 'Namespaced', { shortNames: ['gtw'], status: true, annotations }),
    crd(g, 'GRPCRoute', 'grpcroutes', 'Namespaced', { status: true, annotations }),
    crd(g, 'HTTPRoute', 'httproutes', 'Namespaced', { status: true, annotations }),
    crd(g, 'ReferenceGrant', 'referencegrants', 'Namespaced', { shortNames: ['refgrant'], version: 'v1beta1', annotations }),
  ];
  const route = objs[3] as { spec: { versions: Array<{ schema: { openAPIV3Schema: unknown } }> } };
  route.spec.versions[0].schema.openAPIV3Schema = httpRouteSchema();
  return objs;
}

export function gatewayApiManifest(version: string): string {
  const header = `# Copyright 2025 The Kubernetes Authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
#
# Gateway API Standard channel install
#
`;
  return manifestText(gatewayApiObjects(version), header);
}
