/**
 * A question's text as the exam page shows it: plain text with `code` spans, which become
 * click-to-copy names. Parsed into segments and built with DOM calls (never innerHTML).
 */
export type TextSegment = { kind: 'text'; text: string } | { kind: 'code'; text: string };

export function segments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  const re = /`([^`\n]+)`/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) out.push({ kind: 'text', text: text.slice(at, m.index) });
    out.push({ kind: 'code', text: m[1] });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}

/** Fill `parent` with the text, code spans as copy buttons labelled for assistive technology. */
export function renderTaskText(parent: HTMLElement, text: string, copyLabel: string): void {
  parent.replaceChildren();
  for (const s of segments(text)) {
    if (s.kind === 'text') {
      parent.append(document.createTextNode(s.text));
      continue;
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'cka-exam__name';
    button.dataset.copy = s.text;
    button.title = copyLabel;
    const code = document.createElement('code');
    code.textContent = s.text;
    button.append(code);
    parent.append(button);
  }
}
