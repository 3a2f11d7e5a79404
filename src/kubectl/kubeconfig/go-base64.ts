/**
 * Where Go's base64.StdEncoding.Decode stops on a bad input (its CorruptInputError offset), as
 * encoding/json reports it for a []byte field: "illegal base64 data at input byte N". Go skips
 * \r and \n, requires padding, and rejects anything after the padding.
 */
const ALPHABET = /^[A-Za-z0-9+/]$/;
const NEWLINE = (c: string | undefined) => c === '\n' || c === '\r';

/** The offset of the first corrupt byte, or undefined when Go decodes the text. */
export function goBase64ErrorOffset(src: string): number | undefined {
  let si = 0;
  while (si < src.length) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return si - j;
      }
      const c = src[si++];
      if (ALPHABET.test(c)) continue;
      if (NEWLINE(c)) {
        j--;
        continue;
      }
      if (c !== '=' || j < 2) return si - 1;
      // Padding: "==" after two characters, "=" after three; then only newlines may follow.
      if (j === 2) {
        while (si < src.length && NEWLINE(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== '=') return si - 1;
        si++;
      }
      while (si < src.length && NEWLINE(src[si])) si++;
      return si < src.length ? si : undefined;
    }
  }
  return undefined;
}
