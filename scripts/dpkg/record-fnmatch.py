#!/usr/bin/env python3
"""Records glibc's fnmatch(3) with no flags (what dpkg uses for package and path patterns) on
random patterns and names into test/golden/dpkg-fnmatch/cases.json, for
test/tools/dpkg-fnmatch.test.ts. Run: python3 scripts/dpkg/record-fnmatch.py"""
import ctypes, json, os, random

libc = ctypes.CDLL('libc.so.6')
rng = random.Random(20261124)
PATTERN_ATOMS = ['a', 'b', 'k', '/', '.', '-', '*', '?', '[ab]', '[!a]', '[^b]', '[a-k]', '[]a]', '[', ']', '\\*', '\\a', '\\', '*b*', '/usr/*', '[a-', '[!', '[]', '-]', '[\\]]', '[k-a]', '[./]', '[[:alpha:]]', '[![:digit:]k]', '[[.a.]]', '[[=b=]-k]', '[[:foo:]]', '[[:alpha:]']
TEXT_ATOMS = ['1', 'a', 'b', 'k', '/', '.', '-', '*', '[', ']', 'usr', '\\']

cases = []
for _ in range(2000):
    pattern = ''.join(rng.choice(PATTERN_ATOMS) for _ in range(rng.randint(0, 5)))
    text = ''.join(rng.choice(TEXT_ATOMS) for _ in range(rng.randint(0, 6)))
    if rng.random() < 0.3:
        # A text built from the pattern's own letters matches more often.
        text = pattern.replace('*', 'ab').replace('?', 'k').replace('\\', '')
    cases.append({'pattern': pattern, 'text': text, 'match': libc.fnmatch(pattern.encode(), text.encode(), 0) == 0})

out = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'golden', 'dpkg-fnmatch', 'cases.json')
with open(out, 'w') as f:
    json.dump(cases, f, indent=0)
    f.write('\n')
print(f'{len(cases)} cases, {sum(c["match"] for c in cases)} matches')
