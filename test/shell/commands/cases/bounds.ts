import type { Case } from './types';

/**
 * Inputs that once sent a program into an endless loop (found by the property tests and a
 * review of the loops whose progress depends on the input): each must end as the real tool does.
 */
const b = (cmd: string, stdin = 'abz\na-c\n'): Case => ({ cmd, stdin });

export const boundsCases: Case[] = [
  // A bracket range ending in an unclosed collating symbol rescanned the bracket from the start.
  b("grep '[a-[.b]'"),
  b("grep -E 'x[a-[.b.]'"),
  b("grep ',[+*-[.:}'"),
  b("grep -o '[a-[.'"),
  b("grep '[a-[.zz.]]'"),
  b("grep '[.-[:alpha:]]'"),
  b("grep -o '[[.a.]-z]'"),
  b("grep -o '[[.-.]-z]'"),
  // sed reads a bracket expression whole before looking for the delimiter, so the same patterns
  // are GNU sed's `unterminated' errors there.
  b("sed 's/[a-[.b]/X/'"),
  b("sed '/[a-[.z/d'"),
  b("sed 's/[a-[.z.]]/X/g'"),
  b("sed 's/[/]/X/g'", 'a/b\\c]n\n'),
  b("sed 's/[\\/]/X/g'", 'a/b\\c]n\n'),
  b("sed 's/[^]/]/X/g'", 'a/b\\c]n\n'),
  b("sed 's/[[:alpha:]/]/X/g'", 'a/b\\c]n\n'),
  b("sed 's/[[:alpha:/]/X/g'", 'a/b\\c]n\n'),
  b("sed 's/[[.].]/]/X/g'", 'a/b\\c]n\n'),
  b("sed 's/a[/X/'"),
  b("sed -E 's/[/]+/X/g'", 'a//b\n'),
  // fold with fewer than one column cut nothing off each line, forever.
  b('fold -w 0'),
  b('fold -s -w 0'),
  b('fold -0'),
  b("fold -w -1"),
  b("fold -w ''"),
  b('fold -w abc'),
  b('fold -w 99999999999999999999'),
  b("fold -w ' 2'"),
  b('fold -w +2'),
  b('fold -w 1'),
  // tr spelled out every copy of [c*n] in SET2, however large n was.
  b("tr 'a-c' '[x*99999999999]'", 'abc\n'),
  b("tr 'a-c' '[x*99999999999999999999999]'", 'abc\n'),
  b("tr 'a-c' '[x*18446744073709551615]'", 'abc\n'),
  b("tr 'a-c' '[x*010]'", 'abc\n'),
  b("tr 'a-c' '[x*08]'", 'abc\n'),
  b("tr 'abc' '[x*2]y'", 'abc\n'),
  // xargs -L 0 grouped no lines per command, forever.
  b('xargs -L 0', 'a b\nc,d\ne\n'),
  b('xargs -L -1', 'a b\nc,d\ne\n'),
  b('xargs -L x', 'a b\nc,d\ne\n'),
  b("xargs -L ''", 'a b\nc,d\ne\n'),
  b('xargs -L 2', 'a b\nc,d\ne\n'),
  b('xargs -name', 'a b\nc,d\ne\n'),
  b('xargs -n 0', 'a b\nc,d\ne\n'),
  b("xargs -n ' 2'", 'a b\nc,d\ne\n'),
  // jq ranges are held whole: bounds are checked, and fractional or empty ranges stay exact.
  b(`jq -n -c '[range("a";"b")]'`),
  b(`jq -n -c '[range("a")]'`),
  b(`jq -n -c '[range(2.5)]'`),
  b(`jq -n -c '[range(0.5;3)]'`),
  b(`jq -n -c '[range(3;0)]'`),
  b(`jq -n -c '[range(-2;2)]'`),
];
