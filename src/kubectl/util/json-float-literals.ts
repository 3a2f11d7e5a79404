/**
 * Where a JSON text holds a whole number written as a float (1e6, 2.0e6, 3.0). Go keeps the literal:
 * a JSON merge patch (evanphx/json-patch) copies the patch's values as raw bytes, and the patched
 * document decodes (k8s.io/apimachinery/pkg/util/json) a literal that is not an integer's as a
 * float64, which fmt's %v prints as 1e+06 where JavaScript, with one number type, sees 1000000.
 * Fractions need no mark: they are floats in either language.
 */

/** A value's place in a document: object keys and list indexes from the root. */
export type ValuePath = (string | number)[];

const INT64_LITERAL = /^-?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Whether strconv.ParseInt reads the literal (json.Number.Int64): then it decodes as an int64. */
function isInt64Literal(literal: string): boolean {
  if (!INT64_LITERAL.test(literal)) return false;
  const n = BigInt(literal);
  return n >= INT64_MIN && n <= INT64_MAX;
}

/** The paths of the whole-valued float literals of a JSON text (valid JSON: callers checked its syntax). */
export function wholeFloatLiterals(text: string): ValuePath[] {
  const found: ValuePath[] = [];
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: ValuePath): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      while (text[i] !== '}') {
        space();
        const key = string();
        space();
        i++; // ':'
        value([...path, key]);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
    } else if (c === '[') {
      i++;
      space();
      for (let index = 0; text[i] !== ']'; index++) {
        value([...path, index]);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
    } else if (c === '"') string();
    else {
      const start = i;
      while (i < text.length && !',]} \t\r\n'.includes(text[i])) i++;
      const literal = text.slice(start, i);
      const n = Number(literal);
      if (/^-?\d/.test(literal) && !isInt64Literal(literal) && Number.isInteger(n) && Math.abs(n) < 2 ** 63) found.push(path);
    }
  };
  value([]);
  return found;
}
