/**
 * "Run" buttons on shell code blocks. Expressive Code renders ```bash / ```sh / ```shell blocks as
 * terminal frames with a title bar and a copy button; we add a button that sends the same text
 * (EC's copy text: comment lines removed, newlines kept) to the terminal as a `cka:run` event. Blocks
 * marked as output (```text, ```console, or wrapped in [data-cka-output]) get none.
 */
import { RUN_EVENT, type RunDetail } from './events';

const SHELL_LANGUAGES = new Set(['bash', 'sh', 'shell']);

/** EC stores the copy text with newlines encoded as U+007F. */
export function decodeCopyText(encoded: string): string {
  return encoded.replace(/\u007f/g, '\n').replace(/\n+$/, '');
}

export function addRunButtons(root: HTMLElement, openPane: () => void): void {
  const label = root.dataset.runLabel ?? 'Run';
  const title = root.dataset.runTitle ?? label;
  for (const pre of root.querySelectorAll<HTMLPreElement>('.expressive-code pre[data-language]')) {
    if (!SHELL_LANGUAGES.has(pre.dataset.language ?? '')) continue;
    if (pre.closest('[data-cka-output]')) continue;
    const figure = pre.closest('figure');
    const copy = figure?.querySelector<HTMLElement>('.copy');
    const copyButton = copy?.querySelector<HTMLButtonElement>('button[data-code]');
    if (!figure || !copy || !copyButton || figure.querySelector('.cka-run')) continue;
    // Terminal frames have a title bar: the button sits there, clear of the code. Other frames
    // get it beside the copy button.
    const titleBar = figure.classList.contains('is-terminal')
      ? figure.querySelector<HTMLElement>(':scope > figcaption.header')
      : null;

    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'cka-run';
    button.title = title;
    button.textContent = label; // never innerHTML: the label comes from the page's data attribute
    button.addEventListener('click', () => {
      const command = decodeCopyText(copyButton.dataset.code ?? '');
      if (!command.trim()) return;
      openPane();
      const detail: RunDetail = { command };
      window.dispatchEvent(new CustomEvent(RUN_EVENT, { detail }));
    });
    if (titleBar) titleBar.append(button);
    else copy.prepend(button);
  }
}
