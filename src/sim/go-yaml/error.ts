/**
 * go-yaml v2's syntax error and the line it prints (decode.go, parser.fail): the problem mark's
 * line (0-based) when it is not 0, plus one for a scanner error (the scanner has not moved past
 * the line yet, the parser's marks lag one line behind); else the context mark's line as it is;
 * no "line N: " at all when both are 0. Marks count code points from the start of the input.
 */
export interface Mark {
  index: number;
  line: number;
  column: number;
}

export type YamlErrorKind = 'reader' | 'scanner' | 'parser' | 'decoder';

export class GoYamlSyntaxError extends Error {
  constructor(
    readonly kind: YamlErrorKind,
    readonly problem: string,
    readonly problemMark: Mark | undefined,
    readonly context = '',
    readonly contextMark: Mark | undefined = undefined,
  ) {
    super(problem);
  }

  /**
   * The "line N: " go-yaml's fail() puts before the problem. yaml.v3 (kustomize's kyaml) looks at
   * the context mark first, and adds one for a scanner error in both cases.
   */
  where(version: 2 | 3 = 2): string {
    const scanner = this.kind === 'scanner' ? 1 : 0;
    const problem = this.problemMark?.line ?? 0;
    const context = this.contextMark?.line ?? 0;
    let line = 0;
    if (version === 3) line = context ? context + scanner : problem ? problem + scanner : 0;
    else line = problem ? problem + scanner : context;
    return line ? `line ${line}: ` : '';
  }

  /** The error as yaml.Unmarshal returns it. */
  goMessage(version: 2 | 3 = 2): string {
    if (this.kind === 'decoder' || this.kind === 'reader') return `yaml: ${this.problem}`;
    return `yaml: ${this.where(version)}${this.problem}`;
  }
}

export const copyMark = (m: Mark): Mark => ({ index: m.index, line: m.line, column: m.column });
