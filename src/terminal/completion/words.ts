/**
 * Splits the text before the cursor into the words of the command being typed, the way bash's
 * programmable completion sees them (COMP_WORDS): quotes keep spaces inside a word, and `;`, `|`,
 * `&`, `(` and newlines start a new command, so `cat x | kub<TAB>` completes a command name.
 */
export interface WordInfo {
  /** Words of the current simple command, unquoted; the last one is the word being completed. */
  words: string[];
  /** Where the word being completed starts in the line (UTF-16 index). */
  start: number;
  /** The quote the current word is open in, if any. */
  openQuote?: '"' | "'";
  /** True when the current word comes right after a redirection operator (`>`, `<`, `2>`…). */
  afterRedirect: boolean;
}

const SEPARATORS = new Set([';', '|', '&', '(', ')', '\n', '`']);

export function splitForCompletion(before: string): WordInfo {
  let words: string[] = [];
  let current = '';
  let currentStart = 0;
  let inWord = false;
  let quote: '"' | "'" | undefined;
  let redirectPending = false;
  let afterRedirect = false;

  const endWord = () => {
    if (inWord) {
      words.push(current);
      afterRedirect = false;
    }
    current = '';
    inWord = false;
  };

  for (let i = 0; i < before.length; i++) {
    const ch = before[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < before.length) current += before[++i];
      else current += ch;
      continue;
    }
    if (ch === '\\' && i + 1 < before.length) {
      if (!inWord) {
        inWord = true;
        currentStart = i;
      }
      current += before[++i];
      continue;
    }
    if (ch === "'" || ch === '"') {
      if (!inWord) {
        inWord = true;
        currentStart = i;
      }
      quote = ch;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      endWord();
      continue;
    }
    if (SEPARATORS.has(ch)) {
      endWord();
      words = [];
      redirectPending = false;
      continue;
    }
    if (ch === '>' || ch === '<') {
      // `2>` is one operator: a number right before belongs to it, not to the words.
      if (inWord && /^\d+$/.test(current)) {
        current = '';
        inWord = false;
      } else endWord();
      redirectPending = true;
      continue;
    }
    if (!inWord) {
      inWord = true;
      currentStart = i;
      if (redirectPending) {
        afterRedirect = true;
        redirectPending = false;
      }
    }
    current += ch;
  }
  const completingRedirect = redirectPending || (inWord && afterRedirect);
  if (inWord) {
    // The word being completed is not a finished word: drop it from the list and add it last.
    return { words: [...words, current], start: currentStart, openQuote: quote, afterRedirect: completingRedirect };
  }
  return { words: [...words, ''], start: before.length, afterRedirect: completingRedirect };
}

/** Characters bash backslash-escapes when it inserts a file name (rl_filename_quote_characters). */
const QUOTE_CHARS = new Set(Array.from(' \t\n\\"\'@<>=;|&()#$`?*[!:{~'));

/** Backslash-escape a file name as bash inserts it. */
export function escapeForShell(name: string): string {
  let out = '';
  for (const ch of name) out += QUOTE_CHARS.has(ch) ? '\\' + ch : ch;
  return out;
}
