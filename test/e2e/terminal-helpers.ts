/** Reading and typing into the terminal of a chapter page in Chromium. */
import type { Page } from 'playwright-core';

/** The visible rows of the xterm screen, trailing spaces removed. */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const rows = document.querySelectorAll('[data-cka-term] .xterm-rows > div');
    const lines = Array.from(rows, (r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+$/, ''));
    while (lines.length && !lines[lines.length - 1]) lines.pop();
    return lines.join('\n');
  });
}

/** Waits until the screen satisfies `test` (polling), or throws with the last screen. */
export async function waitForScreen(page: Page, test: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const start = Date.now();
  let text = '';
  while (Date.now() - start < timeoutMs) {
    text = await terminalText(page);
    if (test(text)) return text;
    await page.waitForTimeout(50);
  }
  throw new Error(`terminal screen did not match in ${timeoutMs} ms:\n${text}`);
}

export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.locator('[data-cka-term] .xterm-helper-textarea').focus();
  await page.keyboard.type(text, { delay: 5 });
}
