/**
 * goTyped writes an object as kubectl's Go types write it: the pod template the real kubectl 1.33
 * sent in rollout undo's JSON patch (writes-golden/24-rollout-undo-requests.txt) comes back byte
 * for byte from the same template with its keys in another order and empty omitempty fields added.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goJson } from '../../src/sim/go-json';
import { goTyped } from '../../src/sim/go-typed';

type Obj = Record<string, unknown>;

/** The value of the first `replace /spec/template` the real kubectl sent, as the text it sent. */
function recordedTemplate(): { text: string; value: Obj } {
  const golden = readFileSync(join(__dirname, '../kubectl/writes-golden', '24-rollout-undo-requests.txt'), 'utf8');
  const line = golden.split('\n').find((l) => l.startsWith('[{"op":"replace","path":"/spec/template"'))!;
  const value = (JSON.parse(line) as { value: Obj }[])[0].value;
  const text = line.slice(line.indexOf('"value":') + 8, line.indexOf('},{"op":"replace","path":"/metadata/annotations"'));
  return { text, value };
}

/** The same value with every object's keys in reverse order. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Obj).reverse().map(([k, x]) => [k, reversed(x)]));
}

describe('goTyped', () => {
  it('orders a pod template as the real kubectl sent it, whatever order the server used', () => {
    const { text, value } = recordedTemplate();
    expect(goJson(goTyped(reversed(value), 'core.v1.PodTemplateSpec'), false)).toBe(text);
  });

  it('drops omitempty fields at their empty value and fills the zero of the others', () => {
    const { text, value } = recordedTemplate();
    const t = reversed(value) as { metadata: Obj; spec: Obj & { containers: Obj[] } };
    delete t.metadata.creationTimestamp;
    t.spec.hostNetwork = false;
    t.spec.nodeSelector = {};
    t.spec.containers[0].command = [];
    t.spec.containers[0].unknownField = 'dropped';
    delete t.spec.containers[0].resources;
    expect(goJson(goTyped(t, 'core.v1.PodTemplateSpec'), false)).toBe(text);
  });

  it('sorts map keys as encoding/json does', () => {
    const typed = goTyped({ metadata: { labels: { b: '1', a: '2' } } }, 'core.v1.PodTemplateSpec');
    expect(goJson(typed, false)).toBe('{"metadata":{"creationTimestamp":null,"labels":{"a":"2","b":"1"}},"spec":{"containers":null}}');
  });
});
