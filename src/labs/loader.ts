/**
 * Reads a lab file: YAML → schema-checked Lab. Errors name the file, the line and the field, so that
 * a broken lab fails the build with a message an author can act on:
 *   labs/deploy/lab.yaml:14: tasks[0].checks[1].kind: Required
 */
import { LineCounter, parseDocument, isNode, type Node } from 'yaml';
import { Lab, LabParam } from './schema';
import { renderDocument, type ParamValues } from './template';

export interface LabLoadError {
  file: string;
  line: number;
  field: string;
  message: string;
}

export type LabLoadResult = { ok: true; lab: Lab } | { ok: false; errors: LabLoadError[] };

export function formatLabErrors(errors: LabLoadError[]): string {
  return errors.map((e) => `${e.file}:${e.line}: ${e.field ? `${e.field}: ` : ''}${e.message}`).join('\n');
}

/**
 * `values` overrides the defaults of the lab's `params` (an exam question's variant). Placeholders are
 * rendered on the parsed YAML tree before validation, so errors still carry the file's own lines.
 */
/** A YAML document with its line counter, or its syntax errors as file:line errors (labs, exams). */
export function parseYamlFile(file: string, text: string): { doc: ReturnType<typeof parseDocument>; lines: LineCounter; errors: LabLoadError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const errors = doc.errors.map((e) => ({
    file,
    line: lines.linePos(e.pos[0]).line,
    field: '',
    message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
  }));
  return { doc, lines, errors };
}

export function parseLab(file: string, text: string, values: ParamValues = {}): LabLoadResult {
  const { doc, lines, errors } = parseYamlFile(file, text);
  if (errors.length) return { ok: false, errors };
  const templateErrors = renderParams(doc, lines, values);
  if (templateErrors.length) return { ok: false, errors: templateErrors.map((e) => ({ file, ...e })) };
  const parsed = Lab.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, lab: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      file,
      line: lineOf(doc.contents, issue.path, lines),
      field: fieldName(issue.path),
      message: issue.message,
    })),
  };
}

/** Render `{{param}}` placeholders with the declared defaults overridden by `values`. */
function renderParams(doc: ReturnType<typeof parseDocument>, lines: LineCounter, values: ParamValues): Omit<LabLoadError, 'file'>[] {
  const declared = (doc.toJS() as { params?: unknown } | null)?.params;
  const defaults: ParamValues = {};
  if (declared && typeof declared === 'object') {
    for (const [name, spec] of Object.entries(declared)) {
      const p = LabParam.safeParse(spec);
      if (!p.success) {
        const issue = p.error.issues[0];
        return [{ line: lineOf(doc.contents, ['params', name, ...issue.path], lines), field: fieldName(['params', name, ...issue.path]), message: issue.message }];
      }
      defaults[name] = p.data.default;
    }
  }
  return renderDocument(doc, { ...defaults, ...values }, lines, ['params']).map((e) => ({ line: e.line, field: '', message: e.message }));
}

/** `tasks[0].checks[1].kind` from zod's path. */
export function fieldName(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The line of the deepest node that exists along the path (a missing key points at its parent). */
export function lineOf(root: unknown, path: (string | number)[], lines: LineCounter): number {
  let node: unknown = root;
  let best = 1;
  const lineAt = (n: unknown) => {
    const range = isNode(n) ? (n as Node).range : undefined;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  best = lineAt(node) ?? best;
  for (const key of path) {
    const container = node as { get?: (k: unknown, keep: boolean) => unknown; items?: { key: unknown; value: unknown }[] };
    if (!container || typeof container.get !== 'function') break;
    // For maps, point at the key's line (the value of a scalar is on the same line anyway).
    const pair = container.items?.find((it) => isNode(it.key) && (it.key as unknown as { value: unknown }).value === key);
    const next = container.get(key, true);
    if (next === undefined) break;
    best = lineAt(pair?.key) ?? lineAt(next) ?? best;
    node = next;
  }
  return best;
}
