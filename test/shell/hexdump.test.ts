/**
 * hexdump (util-linux): each case runs through our shell and must print what the real hexdump
 * printed (goldens recorded from util-linux 2.38.1 under real bash: WRITE_GOLDEN=1 re-records).
 * Bytes beyond ASCII cannot be typed through our printf, so a second part checks the byte-text
 * convention binary stream data travels in (etcd's protobuf values) byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToText, textToBytes } from '../../src/shell/commands/lib/byte-text';
import { freshWorld, runScript } from './differential/harness';
import { realGoldens } from './real-tool-golden';

const CASES: Record<string, string> = {
  canonical: "printf 'k8s\\0abc' | hexdump -C",
  'canonical-17': "printf 'abcdefghijklmnopq' | hexdump -C; echo rc=$?",
  'canonical-controls': "printf '\\001\\t\\n\\r\\037 ~\\177' | hexdump -C",
  empty: "printf '' | hexdump -C; echo rc=$?",
  squeeze: "printf '%064d' 0 | hexdump -C; printf '%064d' 0 | hexdump -Cv",
  'squeeze-twice': "{ printf '%032d' 0; printf 'abcdefghijklmnop'; printf '%048d' 0; printf 'x'; } | hexdump -C",
  default: "printf 'abcde' | hexdump; printf 'abcdefghijklmnopqrstuvwxyz' | hexdump",
  formats: "printf 'abc' | hexdump -b -d -o -x; printf 'ab\\n\\0\\001' | hexdump -c; printf 'abcdefghijklmnopqrstu' | hexdump -C -x",
  'length-skip': "printf 'hello world, this is a test' > h; hexdump -C -n 5 -s 3 h; printf 'hello world' | hexdump -C -n 5; hexdump -C -s 100 h; echo rc=$?; hexdump -C -s 0x10 h; hexdump -n 0 h; echo rc=$?",
  files: "printf 'abc' > a; printf 'def' > b; hexdump -C a b; hexdump -C nosuch a; echo rc=$?; hexdump -C nosuch; echo rc=$?; mkdir d; hexdump -C d; echo rc=$?",
  'bad-args': "hexdump -n x a; echo rc=$?; hexdump -s; echo rc=$?; hexdump -Z; echo rc=$?; printf abc | hexdump -s 1; echo rc=$?",
  long: "printf 'abc' | hexdump --canonical; printf 'abc' | hexdump --length=2 --two-bytes-hex",
};

const golden = realGoldens('test/shell/hexdump.golden.json', CASES);

describe('hexdump matches util-linux', () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const got = await runScript(`cd /root\n${CASES[name]}`);
    expect(got).toEqual(golden[name]);
  });
});

describe('bytes in text streams (byte-text)', () => {
  it('keeps any bytes through a text and back, valid UTF-8 as its characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...textToBytes(bytesToText(bytes))]).toEqual([...bytes]);
      }),
    );
    expect(bytesToText(new TextEncoder().encode('héllo ✓'))).toBe('héllo ✓');
    expect(bytesToText(Uint8Array.of(0x6b, 0x38, 0x73, 0x00, 0x8a, 0x01))).toBe('k8s\0\udc8a\u0001');
  });

  it('hexdump shows a file of such bytes byte for byte', async () => {
    const world = freshWorld();
    const bytes = Uint8Array.of(0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0c, 0x12, 0xa0, 0x03, 0xc3, 0xa9, 0xff, 0x80);
    world.machines.get('cka01')!.rootFs.writeFile('/root/bin', bytesToText(bytes));
    const got = await runScript('hexdump -C /root/bin; cat /root/bin | hexdump -C', { world });
    const line = '00000000  6b 38 73 00 0a 0c 12 a0  03 c3 a9 ff 80           |k8s..........|\n0000000d\n';
    expect(got.stdout).toBe(line + line);
  });
});
