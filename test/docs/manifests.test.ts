/**
 * Every Kubernetes manifest a chapter shows — ```yaml blocks and the heredocs fed to `kubectl apply -f -`
 * — is valid YAML, and every field it sets exists in the v1.33 OpenAPI schema of its kind, so that a
 * misspelt or outdated field cannot slip into the course. (kubeadm and kind configuration files are not
 * Kubernetes API objects; they are only checked for being valid YAML.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { chapterSlugs, locales, readChapter, scanMarkdown, sharedDir, splitFrontmatter } from './chapters';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

const swagger = JSON.parse(readFileSync(join(sharedDir, 'openapi', 'kubernetes-v1.33-swagger.json'), 'utf8')) as {
  definitions: Record<string, Schema>;
};

/** apiVersion/kind → the schema of that object. */
const kinds = new Map<string, Schema>();
for (const definition of Object.values(swagger.definitions)) {
  for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
    const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
    if (definition.properties?.metadata) kinds.set(`${apiVersion}/${gvk.kind}`, definition);
  }
}

/**
 * API groups whose documents are configuration files, not objects served by the API server, or objects
 * of CRDs (the Gateway API, the chapters' own example CRD) that the core v1.33 schema does not describe.
 */
const configGroups = /^(kubeadm\.k8s\.io|kubeproxy\.config\.k8s\.io|kubelet\.config\.k8s\.io|kind\.x-k8s\.io|gateway\.networking\.k8s\.io|[\w.-]+\.example\.com)\//;

function resolve(schema: Schema): Schema {
  let current = schema;
  while (current.$ref) current = swagger.definitions[current.$ref.replace('#/definitions/', '')];
  return current;
}

/** Paths of fields that the schema does not know. */
function unknownFields(value: unknown, schema: Schema, path = ''): string[] {
  const resolved = resolve(schema);
  if (Array.isArray(value)) {
    return resolved.items ? value.flatMap((item, index) => unknownFields(item, resolved.items as Schema, `${path}[${index}]`)) : [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (!resolved.properties) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const property = resolved.properties?.[key];
    return property ? unknownFields(child, property, `${path}.${key}`) : [`${path}.${key}`];
  });
}

/** YAML documents in a chapter: ```yaml blocks and heredoc bodies of `kubectl apply|create -f -` in bash blocks. */
function manifestsOf(body: string): string[] {
  const { blocks } = scanMarkdown(body);
  const yamlBlocks = blocks.filter((block) => block.lang === 'yaml').map((block) => block.code);
  const heredocs = blocks
    .filter((block) => block.lang === 'bash')
    .flatMap((block) => [...block.code.matchAll(/kubectl (?:apply|create) -f - <<'?(\w+)'?\n([\s\S]*?)\n\1(?:\n|$)/g)].map((match) => match[2]));
  return [...yamlBlocks, ...heredocs];
}

describe('schema walk', () => {
  const deployment = kinds.get('apps/v1/Deployment') as Schema;

  it('accepts the fields of a real Deployment, including free-form maps', () => {
    const object = { metadata: { name: 'web', labels: { anything: 'goes' } }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'nginx' }] } } } };
    expect(unknownFields(object, deployment)).toEqual([]);
  });

  it('finds the manifests a chapter shows', () => {
    const resources = manifestsOf(splitFrontmatter(readChapter('resources', 'en')).body);
    expect(resources.length).toBeGreaterThanOrEqual(6);
    expect(resources.some((manifest) => manifest.includes('kind: StatefulSet'))).toBe(true);
  });

  it('reports a misspelt field with its path', () => {
    const object = { spec: { replica: 2, template: { spec: { containers: [{ name: 'a', imagee: 'nginx' }] } } } };
    expect(unknownFields(object, deployment)).toEqual(['.spec.replica', '.spec.template.spec.containers[0].imagee']);
  });
});

for (const slug of chapterSlugs) {
  for (const locale of locales) {
    describe(`${slug} (${locale}) manifests`, () => {
      const manifests = manifestsOf(splitFrontmatter(readChapter(slug, locale)).body);

      it('are valid YAML and use only fields of their kind', () => {
        for (const manifest of manifests) {
          for (const document of parseAllDocuments(manifest)) {
            expect(document.errors.map((error) => error.message), manifest).toEqual([]);
            const object = document.toJS() as Record<string, unknown> | null;
            if (!object || typeof object.apiVersion !== 'string') continue;
            if (configGroups.test(object.apiVersion)) continue;
            const schema = kinds.get(`${object.apiVersion}/${String(object.kind)}`);
            expect(schema, `${object.apiVersion} ${String(object.kind)} is served by v1.33`).toBeDefined();
            expect(unknownFields(object, schema as Schema), manifest).toEqual([]);
          }
        }
      });
    });
  }
}
