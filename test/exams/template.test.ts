import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineCounter, parseDocument } from 'yaml';
import { drawParams, placeholders, renderDocument, renderString, renderTree, type ParamValues } from '../../src/labs/template';
import { parseLab } from '../../src/labs/loader';
import { readFileSync } from 'node:fs';

const ident = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const value = fc.oneof(fc.stringMatching(/^[a-z0-9:.-]{0,12}$/), fc.integer({ min: 0, max: 65535 }));

describe('renderString', () => {
  it('never throws and leaves no placeholder when every name is known', () => {
    fc.assert(
      fc.property(fc.dictionary(ident, value, { minKeys: 1 }), fc.array(fc.string(), { maxLength: 5 }), (values, chunks) => {
        const names = Object.keys(values);
        const text = chunks.map((c, i) => `${c.replace(/[{}]/g, '')}{{ ${names[i % names.length]} }}`).join('');
        const r = renderString(text, values);
        expect(r.ok).toBe(true);
        if (r.ok) expect(placeholders(r.value)).toEqual([]);
      }),
    );
  });

  it('never throws on arbitrary text and reports exactly the unknown names', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(ident, value), (text, values) => {
        const r = renderString(text, values);
        const unknown = placeholders(text).filter((n) => !(n in values));
        if (unknown.length) expect(r.ok ? [] : r.unknown.sort()).toEqual([...new Set(unknown)].sort());
        else expect(r.ok).toBe(true);
      }),
    );
  });

  it('substitutes and leaves Go templates alone', () => {
    const r = renderString("kubectl get deploy {{name}} -o go-template='{{.metadata.name}}' -n {{ ns }}", { name: 'web', ns: 'prod' });
    expect(r).toEqual({ ok: true, value: "kubectl get deploy web -o go-template='{{.metadata.name}}' -n prod" });
  });
});

describe('renderTree', () => {
  it('keeps the type of a whole placeholder', () => {
    expect(renderTree({ a: '{{n}}', b: ['x-{{n}}'] }, { n: 3 })).toEqual({ ok: true, value: { a: 3, b: ['x-3'] } });
  });
});

describe('renderDocument', () => {
  it('reports unknown names with their line', () => {
    const lines = new LineCounter();
    const doc = parseDocument('a: 1\nb: "{{nope}}"\nc: "{{ok}}"\n', { lineCounter: lines });
    const errors = renderDocument(doc, { ok: 'y' } as ParamValues, lines);
    expect(errors).toEqual([{ line: 2, message: 'unknown template parameter "nope"' }]);
    expect(doc.toJS()).toEqual({ a: 1, b: '{{nope}}', c: 'y' });
  });
});

describe('drawParams', () => {
  const gens = {
    name: { name: { prefixes: ['web', 'shop'], suffix: 4 } },
    replicas: { int: [2, 5] as [number, number] },
    image: { pick: ['nginx', 'httpd'] },
    tagged: { format: '{{image}}:latest' },
  };
  it('is deterministic per seed and stays in range', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = drawParams(gens, seed);
        expect(drawParams(gens, seed)).toEqual(a);
        expect(a.errors).toEqual([]);
        expect(a.values.name).toMatch(/^(web|shop)-[bcdfghjklmnpqrstvwxz2456789]{4}$/);
        expect(a.values.replicas).toBeGreaterThanOrEqual(2);
        expect(a.values.replicas).toBeLessThanOrEqual(5);
        expect(a.values.tagged).toBe(`${a.values.image}:latest`);
      }),
    );
  });
  it('reports a format over an undeclared parameter', () => {
    expect(drawParams({ x: { format: '{{y}}' } }, 1).errors).toEqual(['params.x: unknown template parameter "y"']);
  });
});

describe('parseLab with params', () => {
  const lab = (extra: string) => `id: t
title: {en: T, zh-CN: T}
description: {en: D, zh-CN: D}
chapter: c
scenario: cluster
params:
  name: {default: web, gen: {pick: [web, api]}}
  replicas: {default: 3}
tasks:
  - id: a
    title: {en: A, zh-CN: A}
    text: {en: 'Create {{name}}', zh-CN: '创建 {{name}}'}
    checks:
      - type: pods
        selector: app={{name}}
        ready: '{{replicas}}'
    solution:
      - 'kubectl create deployment {{name}} --image=nginx --replicas={{replicas}}${extra}'
`;
  it('renders defaults and overrides before validation', () => {
    const d = parseLab('t.yaml', lab(''));
    expect(d.ok && d.lab.tasks[0].checks[0]).toMatchObject({ selector: 'app=web', ready: 3 });
    const v = parseLab('t.yaml', lab(''), { name: 'api', replicas: 2 });
    expect(v.ok && v.lab.tasks[0].solution[0]).toBe('kubectl create deployment api --image=nginx --replicas=2');
  });
  it('names file and line of an unknown parameter', () => {
    const r = parseLab('t.yaml', lab(' {{ns}}'));
    expect(r).toEqual({ ok: false, errors: [{ file: 't.yaml', line: 18, field: '', message: 'unknown template parameter "ns"' }] });
  });
});

describe('parseLab on a real templated lab', () => {
  const text = readFileSync('labs/rbac-basics/lab.yaml', 'utf8');
  it('never throws, whatever the values, and never re-renders a value', () => {
    fc.assert(
      fc.property(fc.string(), fc.oneof(fc.string(), fc.integer()), (ns, sa) => {
        const r = parseLab('labs/rbac-basics/lab.yaml', text, { ns, sa });
        if (r.ok) expect(r.lab.tasks[0].solution[0]).toBe(`kubectl create namespace ${ns}`);
        else expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});
