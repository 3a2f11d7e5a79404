import type { Case } from './types';

const abc = { a: 'one\ntwo\n\n\nthree\tx\n', b: 'last line no newline' };

export const basic: Case[] = [
  { cmd: 'cat a', files: abc },
  { cmd: 'cat a b', files: abc },
  { cmd: 'cat -n a b', files: abc },
  { cmd: 'cat -b a', files: abc },
  { cmd: 'cat -s a', files: abc },
  { cmd: 'cat -A a', files: abc },
  { cmd: 'cat -E b', files: abc },
  { cmd: 'cat -T a', files: abc },
  { cmd: 'cat /nope', files: abc },
  { cmd: 'cat a /nope b', files: abc },
  { cmd: 'cat -z a', files: abc },
  { cmd: 'cat --nope a', files: abc },
  { cmd: 'cat', stdin: 'from stdin\n' },
  { cmd: 'cat - a', files: abc, stdin: 'in\n' },
  { cmd: 'cat d', files: { d: { dir: true } } },
  { cmd: 'cat -vn', stdin: 'a\x01b\x7f\n' },
  { cmd: 'echo hello world' },
  { cmd: 'echo -n hi' },
  { cmd: 'echo -e "a\\tb\\nc"' },
  { cmd: 'echo -e "x\\cy"' },
  { cmd: 'echo -E "a\\tb"' },
  { cmd: 'echo -x a' },
  { cmd: 'echo -- a' },
  { cmd: 'echo -e "\\0101\\x41"' },
  { cmd: 'true; echo $?' },
  { cmd: 'true --help' },
  { cmd: 'false || echo failed' },
];
