/**
 * Prints a function as bash does for `type f`, `declare -f` and `set` (bash's print_cmd.c
 * layout): 4-space indentation, `;` after commands inside compound bodies, `name () ` and `{ `
 * with their trailing blanks.
 */
import type { Command, CondExpr, ListNode, Redirect, Word } from '../parse/ast';

const IND = '    ';

/**
 * Inside a function's definition lists break their lines (`;` and a newline); elsewhere, as in a
 * job's text, they stay on one (`; `), as print_cmd.c's inside_function_def decides.
 */
let insideFunctionDef = 0;

export function printFunction(name: string, body: Command): string {
  const inner = body.type === 'group' ? body.body : { type: 'list' as const, items: [{ cmd: body, async: false }], line: body.line };
  const heredocs: string[] = [];
  insideFunctionDef++;
  try {
    const text = printList(inner, 1, false, heredocs);
    return `${name} () \n{ \n${IND}${text}${heredocs.length ? '\n' : ''}\n}`;
  } finally {
    insideFunctionDef--;
  }
}

/** Commands of a list; `terminate` puts `;` after the last one (bodies of if/for/while). */
function printList(list: ListNode, depth: number, terminate: boolean, heredocs: string[]): string {
  const pad = IND.repeat(depth);
  let out = '';
  list.items.forEach((item, i) => {
    const last = i === list.items.length - 1;
    const local: string[] = [];
    let text = printCommand(item.cmd, depth, local);
    if (item.async) text += ' &';
    out += text;
    if (local.length) {
      out += '\n' + local.join('');
      if (!last) out += pad;
      return;
    }
    if (!last) out += !insideFunctionDef ? (item.async ? ' ' : '; ') : item.async ? `\n${pad}` : `;\n${pad}`;
    else if (terminate && !item.async) out += ';';
  });
  heredocs.push(...[]);
  return out;
}

function word(w: Word): string {
  return w.raw;
}

function redirects(rs: Redirect[], heredocs: string[]): string {
  return rs
    .map((r) => {
      const fd = r.fd !== undefined ? String(r.fd) : '';
      if (r.op === '<<' || r.op === '<<-') {
        const h = r.heredoc!;
        const body = h.body.raw;
        heredocs.push(`${body}${h.delimiter}\n`);
        return ` ${fd}${r.op}${word(r.target)}`;
      }
      if ((r.op === '>&' || r.op === '<&') && /^\d+|-$/.test(r.target.raw)) return ` ${fd}${r.op}${word(r.target)}`;
      return ` ${fd}${r.op} ${word(r.target)}`;
    })
    .join('');
}

function printCommand(cmd: Command, depth: number, heredocs: string[]): string {
  const pad = IND.repeat(depth);
  const inner = IND.repeat(depth + 1);
  switch (cmd.type) {
    case 'simple': {
      const parts = [...cmd.assigns.map((a) => a.raw), ...cmd.words.map(word)];
      return parts.join(' ') + redirects(cmd.redirs, heredocs);
    }
    case 'list':
      return printList(cmd, depth, false, heredocs);
    case 'andor':
      return [printCommand(cmd.first, depth, heredocs), ...cmd.rest.map((r) => `${r.op} ${printCommand(r.cmd, depth, heredocs)}`)].join(' ');
    case 'pipeline':
      return (cmd.negate ? '! ' : '') + cmd.cmds.map((c, i) => printCommand(c, depth, heredocs) + (i < cmd.cmds.length - 1 ? (cmd.withStderr[i] ? ' |&' : ' |') : '')).join(' ');
    case 'subshell':
      return `( ${printList(cmd.body, depth, false, heredocs)} )${redirects(cmd.redirs, heredocs)}`;
    case 'group':
      if (!insideFunctionDef) return `{ ${printList(cmd.body, depth, true, heredocs)} }${redirects(cmd.redirs, heredocs)}`;
      return `{ \n${inner}${printList(cmd.body, depth + 1, false, heredocs)}\n${pad}}${redirects(cmd.redirs, heredocs)}`;
    case 'if': {
      const [first, ...rest] = cmd.clauses;
      let out = `if ${printList(first.cond, depth, true, heredocs)} then\n${inner}${printList(first.body, depth + 1, true, heredocs)}\n${pad}`;
      if (rest.length) {
        const nested: Command = { type: 'if', clauses: rest, elseBody: cmd.elseBody, redirs: [], line: cmd.line };
        out += `else\n${inner}${printCommand(nested, depth + 1, heredocs)};\n${pad}`;
      } else if (cmd.elseBody) out += `else\n${inner}${printList(cmd.elseBody, depth + 1, true, heredocs)}\n${pad}`;
      return `${out}fi${redirects(cmd.redirs, heredocs)}`;
    }
    case 'for':
      return `for ${cmd.name} in ${cmd.words ? cmd.words.map(word).join(' ') : '"$@"'};\n${pad}do\n${inner}${printList(cmd.body, depth + 1, true, heredocs)}\n${pad}done${redirects(cmd.redirs, heredocs)}`;
    case 'arithfor':
      return `for ((${cmd.init.raw.trim()}; ${cmd.cond.raw.trim()}; ${cmd.step.raw.trim()}))\n${pad}do\n${inner}${printList(cmd.body, depth + 1, true, heredocs)}\n${pad}done${redirects(cmd.redirs, heredocs)}`;
    case 'while':
      return `${cmd.until ? 'until' : 'while'} ${printList(cmd.cond, depth, true, heredocs)} do\n${inner}${printList(cmd.body, depth + 1, true, heredocs)}\n${pad}done${redirects(cmd.redirs, heredocs)}`;
    case 'case': {
      let out = `case ${word(cmd.word)} in \n`;
      for (const item of cmd.items) {
        out += `${inner}${item.patterns.map(word).join(' | ')})\n`;
        if (item.body) out += `${IND.repeat(depth + 2)}${printList(item.body, depth + 2, false, heredocs)}\n`;
        out += `${inner}${item.terminator}\n`;
      }
      return `${out}${pad}esac${redirects(cmd.redirs, heredocs)}`;
    }
    case 'funcdef':
      return printFunction(cmd.name, cmd.body).replace(/\n/g, `\n${pad}`);
    case 'cond':
      return `[[ ${cond(cmd.expr)} ]]${redirects(cmd.redirs, heredocs)}`;
    case 'arithcmd':
      return `(( ${cmd.expr.raw.trim()} ))${redirects(cmd.redirs, heredocs)}`;
  }
}

/** One command as bash shows it in job listings (`sleep 10`, `echo a | cat`). */
export function commandText(cmd: Command): string {
  return printCommand(cmd, 0, []);
}

function cond(e: CondExpr): string {
  switch (e.type) {
    case 'word':
      return e.word.raw;
    case 'unary':
      return `${e.op} ${e.arg.raw}`;
    case 'binary':
      return `${e.left.raw} ${e.op} ${e.right.raw}`;
    case 'not':
      return `! ${cond(e.expr)}`;
    case 'and':
      return `${cond(e.left)} && ${cond(e.right)}`;
    case 'or':
      return `${cond(e.left)} || ${cond(e.right)}`;
  }
}
