/**
 * od (GNU coreutils): each case runs through our shell and must print what the real od printed
 * (goldens recorded from coreutils 9.1 under real bash: WRITE_GOLDEN=1 re-records).
 */
import { describe, expect, it } from 'vitest';
import { runScript } from './differential/harness';
import { realGoldens } from './real-tool-golden';

const CASES: Record<string, string> = {
  default: "printf 'abc\\n' | od; printf 'abc' | od; printf '' | od; echo rc=$?",
  chars: "printf 'abc\\n' | od -c; printf 'ab\\0\\001\\t\\r \\177' | od -c; printf 'ab\\0\\001 \\177' | od -a",
  hex: "printf 'abcdefghijklmnopqrstuvwxyz' | od -A x -t x1z; printf 'abcdefghijklmnopq' | od -t x1 -t c; printf 'abc' | od -t x1z -t c",
  widths: "printf 'abc' | od -A n -t d2 -t u2; printf 'abcd' | od -t d1 -t o4 -t x4 -t u1; printf 'abcdefgh' | od -t x8 -t d4; printf 'abcdef' | od -A d -b -d -o -s -x -i",
  limits: "printf 'abcdef' | od -j 2 -N 3 -c; printf 'abcdef' | od -w4 -c; printf 'abcdef' | od -j 0x1 -N 02 -t x1; printf 'abc' | od -j 5; echo rc=$?",
  squeeze: "printf '%040d' 0 | od -c; printf '%040d' 0 | od -v -c | head -3",
  files: "printf 'abc' > a; od -c a nosuch; echo rc=$?; od nosuch; echo rc=$?; od -t q a; echo rc=$?; od -A z a; echo rc=$?; od -t x3 a; echo rc=$?; mkdir d; od d; echo rc=$?; od -c d a; echo rc=$?",
  long: "printf 'abc' | od --format=x1 --address-radix=n; printf 'abcdef' | od --read-bytes=2 --skip-bytes=1 -c; printf 'ab' | od -tcx1",
};

const golden = realGoldens('test/shell/od.golden.json', CASES);

describe('od matches coreutils', () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    expect(await runScript(`cd /root\n${CASES[name]}`)).toEqual(golden[name]);
  });
});
