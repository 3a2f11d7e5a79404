/**
 * The command line of iptables (1.8.7, nf_tables), as xtables.c's do_parse reads it: bundled short
 * options (-nvL), a command letter with its chain and optional rule number, rule options (! -s, -p,
 * -m NAME and the match's options, -j/-g and the target's options), and the same parameter
 * problems, in the same order, with the same words.
 */
import { extensionOf, MATCHES, optionOf, ParameterProblem, STANDARD_TARGETS, TARGETS } from './extensions';
import { parseAddress, type Match, type Opt, type Rule, type Target } from './rule';
import { isTableName, type TableName } from './state';

export type Command = 'append' | 'check' | 'delete' | 'deleteNum' | 'insert' | 'replace' | 'list' | 'listRules' | 'flush' | 'zero' | 'newChain' | 'deleteChain' | 'policy' | 'rename';

export interface Invocation {
  command?: Command;
  /** -h or -V: print and stop. */
  help?: boolean;
  version?: boolean;
  table: TableName;
  chain?: string;
  ruleNum?: number;
  policy?: string;
  newName?: string;
  rule: Rule;
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
}

/** Command letters and their long names. */
const COMMANDS: Record<string, Command> = { A: 'append', C: 'check', D: 'delete', I: 'insert', R: 'replace', L: 'list', S: 'listRules', F: 'flush', Z: 'zero', N: 'newChain', X: 'deleteChain', P: 'policy', E: 'rename' };
const LONG: Record<string, string> = {
  '--append': 'A', '--check': 'C', '--delete': 'D', '--insert': 'I', '--replace': 'R', '--list': 'L', '--list-rules': 'S', '--flush': 'F', '--zero': 'Z', '--new-chain': 'N', '--new': 'N',
  '--delete-chain': 'X', '--policy': 'P', '--rename-chain': 'E', '--table': 't', '--numeric': 'n', '--verbose': 'v', '--exact': 'x', '--jump': 'j', '--goto': 'g', '--protocol': 'p',
  '--source': 's', '--src': 's', '--destination': 'd', '--dst': 'd', '--in-interface': 'i', '--out-interface': 'o', '--match': 'm', '--wait': 'w', '--wait-interval': 'W',
  '--version': 'V', '--help': 'h', '--fragment': 'f', '--ipv4': '4', '--ipv6': '6',
};
/** Short options that take a value (getopt's "x:"), and those whose value may only be attached (x::). */
const WITH_VALUE = new Set(['A', 'C', 'D', 'R', 'I', 'N', 'E', 'P', 'o', 'p', 's', 'd', 'j', 'i', 't', 'm', 'c', 'g']);
const OPTIONAL_VALUE = new Set(['L', 'S', 'F', 'Z', 'X', 'h', 'w', 'W']);

const PROTOCOLS: Record<string, string> = { '0': 'all', '1': 'icmp', '6': 'tcp', '17': 'udp', '132': 'sctp', '136': 'udplite', '50': 'esp', '51': 'ah' };

export class BadArgument extends Error {}

interface Token {
  letter?: string;
  long?: string;
  value?: string;
  plain?: string;
}

/** Split argv as getopt_long would (with "-" first in optstring: operands come back in place). */
function tokenize(argv: string[]): { tokens: Token[]; rest: string[] } {
  const tokens: Token[] = [];
  let i = 0;
  const rest = argv;
  while (i < argv.length) {
    const a = argv[i++];
    if (a === '--') {
      for (; i < argv.length; i++) tokens.push({ plain: argv[i] });
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      const letter = LONG[name];
      if (letter && WITH_VALUE.has(letter)) {
        const value = eq >= 0 ? a.slice(eq + 1) : argv[i++];
        if (value === undefined) throw new ParameterProblem(`option "${name}" requires an argument`);
        tokens.push({ letter, value });
      } else if (letter) tokens.push({ letter, value: eq >= 0 ? a.slice(eq + 1) : undefined });
      else {
        // an extension's option: getopt knows its arity from the extension's table, so its values
        // are taken whatever they look like (a LOG prefix of "--")
        const arity = eq >= 0 ? 0 : extensionArity(name);
        tokens.push({ long: name, value: eq >= 0 ? a.slice(eq + 1) : undefined });
        for (let k = 0; k < arity && i < argv.length; k++) tokens.push({ plain: argv[i++] });
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (WITH_VALUE.has(c)) {
          const value = j + 1 < a.length ? a.slice(j + 1) : argv[i++];
          if (value === undefined) throw new ParameterProblem(`option requires an argument -- '${c}'`);
          tokens.push({ letter: c, value });
          break;
        }
        if (OPTIONAL_VALUE.has(c)) {
          tokens.push({ letter: c, value: j + 1 < a.length ? a.slice(j + 1) : undefined });
          break;
        }
        tokens.push({ letter: c });
      }
      continue;
    }
    tokens.push({ plain: a });
  }
  return { tokens, rest };
}

/** The most values any extension's option of that name takes. */
function extensionArity(name: string): number {
  let arity = 0;
  for (const table of [MATCHES, TARGETS]) for (const ext of Object.values(table)) arity = Math.max(arity, ext.options[name]?.arity ?? 0);
  return arity;
}

/** xs_has_arg: the next token is an operand (not an option, not `!`). */
function nextOperand(tokens: Token[], i: number): string | undefined {
  const t = tokens[i];
  return t?.plain !== undefined && t.plain !== '!' && !t.plain.startsWith('-') ? t.plain : undefined;
}

function ruleNumber(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new ParameterProblem(`Invalid rule number \`${text}'`);
  return Number(text);
}

/**
 * Parse an iptables command line (without the program name). `resolve` turns host names into
 * addresses; `isChain` says whether a name is a chain of the table (a -j to it is a jump).
 */
export function parseInvocation(argv: string[], resolve: (name: string) => string | undefined): Invocation {
  const inv: Invocation = { table: 'filter', rule: { matches: [], pkts: 0, bytes: 0 }, numeric: false, verbose: false, exact: false, lineNumbers: false };
  const { tokens } = tokenize(argv);
  let invert = false;
  const seen = new Set<string>();
  const once = (flag: string) => {
    if (seen.has(flag)) throw new ParameterProblem(`multiple -${flag} flags not allowed`);
    seen.add(flag);
  };
  const setCommand = (letter: string) => {
    if (inv.command) throw new ParameterProblem(`Can't use -${letter} with -${Object.keys(COMMANDS).find((k) => COMMANDS[k] === inv.command)}\n`);
    inv.command = COMMANDS[letter];
  };
  const rule = inv.rule;

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.plain !== undefined) {
      if (tok.plain === '!') {
        if (invert) throw new ParameterProblem('multiple consecutive ! not allowed');
        invert = true;
        continue;
      }
      throw new BadArgument(tok.plain);
    }
    if (tok.long !== undefined) {
      if (tok.long === '--line-numbers') inv.lineNumbers = true;
      else extensionOption(tok.long, tok.value, tokens, i, invert, rule, (n) => (i += n));
      invert = false;
      continue;
    }
    const c = tok.letter!;
    if (COMMANDS[c]) {
      setCommand(c);
      inv.chain = tok.value;
      if (c === 'I' || c === 'R' || c === 'D' || c === 'L' || c === 'S' || c === 'Z') {
        if (inv.chain === undefined && (c === 'L' || c === 'S' || c === 'Z')) {
          const chain = nextOperand(tokens, i + 1);
          if (chain !== undefined) {
            inv.chain = chain;
            i++;
          }
        }
        const num = inv.chain !== undefined ? nextOperand(tokens, i + 1) : undefined;
        if (num !== undefined) {
          inv.ruleNum = ruleNumber(num);
          i++;
          if (c === 'D') inv.command = 'deleteNum';
        } else if (c === 'R') throw new ParameterProblem('-R requires a rule number');
      } else if (c === 'F' || c === 'X') {
        if (inv.chain === undefined) {
          const chain = nextOperand(tokens, i + 1);
          if (chain !== undefined) {
            inv.chain = chain;
            i++;
          }
        }
      } else if (c === 'P') {
        const policy = nextOperand(tokens, i + 1);
        if (policy === undefined) throw new ParameterProblem('-P requires a chain and a policy');
        inv.policy = policy;
        i++;
      } else if (c === 'E') {
        const name = nextOperand(tokens, i + 1);
        if (name === undefined) throw new ParameterProblem('-E requires old-chain-name and new-chain-name');
        inv.newName = name;
        i++;
      } else if (c === 'N' && inv.chain !== undefined && (inv.chain.startsWith('-') || inv.chain.startsWith('!'))) {
        throw new ParameterProblem(`chain name not allowed to start with \`${inv.chain[0]}'\n`);
      }
      invert = false;
      continue;
    }
    switch (c) {
      case 't':
        if (invert) throw new ParameterProblem('unexpected ! flag before --table');
        if (!isTableName(tok.value!)) throw new VersionProblem(`table '${tok.value}' does not exist`);
        inv.table = tok.value as TableName;
        break;
      case 'n':
        if (invert) throw new ParameterProblem('cannot have ! before -n');
        inv.numeric = true;
        break;
      case 'v':
        inv.verbose = true;
        break;
      case 'x':
        once('x');
        inv.exact = true;
        break;
      case 'V':
        inv.version = true;
        return inv;
      case 'h':
        inv.help = true;
        return inv;
      case 'w':
      case 'W':
        if (tok.value === undefined && nextOperand(tokens, i + 1) !== undefined && /^\d+$/.test(nextOperand(tokens, i + 1)!)) i++;
        break;
      case '4':
      case 'f':
        break;
      case 's':
      case 'd': {
        once(c);
        const addr = parseAddress(tok.value!, invert, resolve);
        if (!addr) throw new ParameterProblem(`host/network \`${tok.value}' not found`);
        if (c === 's') rule.src = addr;
        else rule.dst = addr;
        break;
      }
      case 'i':
      case 'o':
        once(c);
        if (tok.value === '') throw new ParameterProblem('Empty interface is likely to be undesired');
        rule[c === 'i' ? 'in' : 'out'] = { name: tok.value!, neg: invert };
        break;
      case 'p': {
        once(c);
        const p = tok.value!.toLowerCase();
        const name = PROTOCOLS[p] ?? (Object.values(PROTOCOLS).includes(p) ? p : undefined);
        if (!name) throw new ParameterProblem(`unknown protocol "${tok.value}" specified`);
        if (name !== 'all' || invert) rule.proto = { name, neg: invert };
        break;
      }
      case 'm': {
        if (invert) throw new ParameterProblem('unexpected ! flag before --match');
        if (!extensionOf('match', tok.value!)) throw new ParameterProblem(`Couldn't load match \`${tok.value}':No such file or directory\n`);
        const m: Match = { name: tok.value!, opts: [] };
        rule.matches.push(m);
        break;
      }
      case 'j':
      case 'g': {
        if (invert) throw new ParameterProblem(`cannot have ! before -${c}`);
        if (rule.target) throw new ParameterProblem('multiple -j flags not allowed');
        const t: Target = { name: tok.value!, opts: [], ...(c === 'g' ? { goto: true } : {}) };
        rule.target = t;
        break;
      }
      case 'c':
        break;
      default:
        throw new ParameterProblem(`unknown option "-${c}"`);
    }
    invert = false;
  }
  if (invert) throw new ParameterProblem('nothing appropriate following !');
  for (const m of rule.matches) checkRequired('match', m.name, m.opts);
  if (rule.target) checkRequired('target', rule.target.name, rule.target.opts);
  if (inv.table === 'nat' && (inv.policy === 'DROP' || rule.target?.name === 'DROP')) {
    throw new ParameterProblem('\nThe "nat" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n');
  }
  if (!inv.command) throw new ParameterProblem('no command specified');
  if (inv.command && ['append', 'delete', 'check', 'insert', 'replace'].includes(inv.command) && inv.chain) {
    if ((inv.chain === 'PREROUTING' || inv.chain === 'INPUT') && rule.out) throw new ParameterProblem(`Can't use -o with ${inv.chain}\n`);
    if ((inv.chain === 'POSTROUTING' || inv.chain === 'OUTPUT') && rule.in) throw new ParameterProblem(`Can't use -i with ${inv.chain}\n`);
  }
  return inv;
}

/** A problem iptables reports with "Perhaps iptables or your kernel needs to be upgraded." (status 3). */
export class VersionProblem extends Error {}

function checkRequired(kind: 'match' | 'target', name: string, opts: Opt[]): void {
  for (const key of extensionOf(kind, name)?.required ?? []) {
    if (!opts.some((o) => o.key === key)) throw new ParameterProblem(`${name}: option "${key}" must be specified\n`);
  }
}

/**
 * An extension's option (--dport 80): it belongs to the target when the target has it, else to the
 * latest match that has it; `-p tcp` loads the tcp match on its first option (iptables' implicit
 * protocol match), placed where that option appears.
 */
function extensionOption(
  key: string,
  attached: string | undefined,
  tokens: Token[],
  i: number,
  invert: boolean,
  rule: Rule,
  consume: (n: number) => void,
): void {
  const owners: { opts: Opt[]; kind: 'match' | 'target'; name: string }[] = [];
  if (rule.target && extensionOf('target', rule.target.name)) owners.push({ opts: rule.target.opts, kind: 'target', name: rule.target.name });
  for (const m of [...rule.matches].reverse()) owners.push({ opts: m.opts, kind: 'match', name: m.name });
  let owner = owners.find((o) => optionOf(extensionOf(o.kind, o.name)!, key));
  if (!owner && rule.proto && extensionOf('match', rule.proto.name) && optionOf(extensionOf('match', rule.proto.name)!, key)) {
    const m: Match = { name: rule.proto.name, opts: [] };
    rule.matches.push(m);
    owner = { opts: m.opts, kind: 'match', name: m.name };
  }
  if (!owner) throw new ParameterProblem(`unknown option "${key}"`);
  const ext = extensionOf(owner.kind, owner.name)!;
  const spec = optionOf(ext, key)!;
  const values: string[] = [];
  if (spec.arity > 0) {
    if (attached !== undefined) values.push(attached);
    let k = 1;
    while (values.length < spec.arity) {
      const t = tokens[i + k];
      if (!t || t.plain === undefined) throw new ParameterProblem(`option "${key}" requires an argument`);
      values.push(t.plain);
      k++;
    }
    consume(k - 1);
  }
  if (owner.opts.some((o) => o.key === spec.key)) {
    // libxt_tcp checks its ports itself; the other extensions leave it to libxtables
    if (owner.name === 'tcp' && (spec.key === '--sport' || spec.key === '--dport')) throw new ParameterProblem(`Only one \`${spec.key === '--sport' ? '--source-port' : '--destination-port'}' allowed`);
    throw new ParameterProblem(`${owner.name}: "${spec.key}" option may only be specified once`);
  }
  const normalised = ext.normalise ? ext.normalise(spec.key, values, rule.proto?.name) : values;
  owner.opts.push({ key: spec.key, values: normalised, neg: invert });
}

/** Is a -j/-g name a verdict or a known target extension (else it must name a chain)? */
export function isTargetExtension(name: string): boolean {
  return STANDARD_TARGETS.includes(name) || !!extensionOf('target', name);
}
