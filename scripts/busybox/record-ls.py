#!/usr/bin/env python3
"""Records busybox ls on a terminal for test/sim/kubelet/busybox-ls.test.ts.

Builds the fixture below in a scratch directory, runs each case through script(1) (a pty: busybox
colours and lays out columns only for a terminal) with the busybox built by extract-usage.sh
(the docker-library image's configuration: FEATURE_LS_COLOR and FEATURE_LS_COLOR_IS_DEFAULT on),
and writes the fixture, the cases and what busybox printed as JSON.

  python3 scripts/busybox/record-ls.py /tmp/bbsrc/busybox > test/golden/busybox-ls/cases.json
"""
import json, os, subprocess, sys, tempfile

BUSYBOX = sys.argv[1]
# Every file's mtime: long ago, so -l prints the year whatever day the test runs.
MTIME = '2024-01-02 03:04:00'
FIXTURE = [
    {'path': 'root', 'type': 'dir'},
    *({'path': f'root/{d}', 'type': 'dir'} for d in 'bin dev etc home lib lib64 proc root sys tmp usr var'.split()),
    # The directories the simulated busybox image's root has (writeImage, container-shell-image.ts).
    {'path': 'image', 'type': 'dir'},
    *({'path': f'image/{d}', 'type': 'dir'} for d in 'bin dev etc home lib proc root sys tmp usr var'.split()),
    {'path': 'image/lib64', 'type': 'symlink', 'target': 'lib'},
    # Names busybox prints with '?' for control characters (printable_string2), UTF-8 as it is.
    {'path': 'odd', 'type': 'dir'},
    *({'path': f'odd/{n}', 'type': 'file', 'content': '', 'mode': 0o644} for n in ['a\tb', 'c\nd', 'e f', 'é', 'q"u\\o']),
    {'path': 'mix', 'type': 'dir'},
    {'path': 'mix/conf', 'type': 'dir'},
    {'path': 'mix/a.txt', 'type': 'file', 'content': 'hi\n', 'mode': 0o644},
    {'path': 'mix/run.sh', 'type': 'file', 'content': '#!/bin/sh\n', 'mode': 0o755},
    {'path': 'mix/a-very-long-file-name.conf', 'type': 'file', 'content': 'x\n', 'mode': 0o644},
    {'path': 'mix/.hidden', 'type': 'file', 'content': '', 'mode': 0o644},
    {'path': 'mix/link', 'type': 'symlink', 'target': 'a.txt'},
    {'path': 'mix/broken', 'type': 'symlink', 'target': 'nope'},
    {'path': 'mix/dirlink', 'type': 'symlink', 'target': 'conf'},
]
# [directory, environment, arguments, through a pipe]
CASES = [
    ['root', 'COLUMNS=80', '', False], ['root', 'COLUMNS=40', '', False], ['root', 'COLUMNS=20', '', False],
    ['root', 'COLUMNS=8', '', False], ['root', 'COLUMNS=80', '-1', False], ['root', 'COLUMNS=80', '-x', False],
    ['root', 'COLUMNS=80', '', True], ['root', 'COLUMNS=80', '-C', True], ['root', 'COLUMNS=80 TERM=dumb', '', False],
    ['root', 'COLUMNS=80 LS_COLORS=none', '', False], ['root', 'COLUMNS=80 LS_COLORS=', '', False],
    ['root', 'COLUMNS=80 LS_COLORS=di=01', '', False], ['root', 'COLUMNS=80', '--color=never', False],
    ['root', 'COLUMNS=80', '--color=always', True], ['root', 'COLUMNS=80', '--color', True],
    ['root', 'COLUMNS=80', '--color=auto', True], ['root', 'COLUMNS=80', '--color=al', True],
    ['root', 'COLUMNS=80', '--color=a', True], ['root', 'COLUMNS=80 TERM=dumb', '--color=tty', False],
    ['root', 'COLUMNS=80 TERM=dumb', '--color=force', False], ['root', 'COLUMNS=80', '-w 30', False],
    ['root', 'COLUMNS=0', '', False], ['root', 'COLUMNS=80', '-C -1', False], ['root', 'COLUMNS=80', '-1 -C', False],
    ['mix', 'COLUMNS=80', '', False], ['mix', 'COLUMNS=80', '-F', False], ['mix', 'COLUMNS=80', '-p', False],
    ['mix', 'COLUMNS=80', '-a', False], ['mix', 'COLUMNS=60', '-x -a', False], ['mix', 'COLUMNS=80', '-A -Q', False],
    ['mix', 'COLUMNS=40', '-F', False], ['mix', 'COLUMNS=80', '-r', False], ['mix', 'COLUMNS=80', 'link conf', False],
    ['mix', 'COLUMNS=80', '-1F', False], ['mix', 'COLUMNS=80', '-l', False], ['mix', 'COLUMNS=80', '-lF', False],
    ['mix', 'COLUMNS=80', '-l', True], ['mix', 'COLUMNS=80', '-F', True],
    ['image', 'COLUMNS=80', '', False], ['image', 'COLUMNS=40', '', False], ['image', 'COLUMNS=80', '', True],
    ['mix', 'COLUMNS=80', '-R', False], ['mix', 'COLUMNS=80', '-d conf link', False], ['mix', 'COLUMNS=80', '-la', False],
    ['mix', 'COLUMNS=80', 'conf a.txt dirlink', False], ['mix', 'COLUMNS=80', '-s', False], ['mix', 'COLUMNS=80', '-sh', False], ['mix', 'COLUMNS=80', '-ls', False],
    ['mix', 'COLUMNS=80', '-lh', False], ['mix', 'COLUMNS=80', '-L', False], ['mix', 'COLUMNS=80', '-lL', False],
    ['mix', 'COLUMNS=80', '-S', False], ['mix', 'COLUMNS=80', '-t', False], ['mix', 'COLUMNS=80', 'dirlink', False],
    ['mix', 'COLUMNS=80', '-l dirlink', False], ['mix', 'COLUMNS=80', '-F dirlink', False], ['mix', 'COLUMNS=80', '-n', False],
    ['mix', 'COLUMNS=80', '-l dirlink/', False], ['mix', 'COLUMNS=80', '-ld dirlink/', False], ['mix', 'COLUMNS=80', 'nope a.txt', False],
    ['mix', 'COLUMNS=80', '-l link/', False], ['mix', 'COLUMNS=80', '-C -l', False], ['mix', 'COLUMNS=80', '-l -1', False],
    ['odd', 'COLUMNS=80', '', False], ['odd', 'COLUMNS=80', '', True], ['odd', 'COLUMNS=80', '-Q', False], ['odd', 'COLUMNS=20', '-x', False],
]

with tempfile.TemporaryDirectory() as top:
    os.chmod(top, 0o755)  # what `ls -a`'s '..' shows: a plain directory, not mkdtemp's 0700
    for f in FIXTURE:
        p = os.path.join(top, f['path'])
        if f['type'] == 'dir':
            os.mkdir(p)
        elif f['type'] == 'file':
            with open(p, 'w') as out:
                out.write(f['content'])
            os.chmod(p, f['mode'])
        else:
            os.symlink(f['target'], p)
    subprocess.run(['find', top, '-exec', 'touch', '-h', '-d', MTIME, '{}', '+'], check=True)
    results = []
    for d, env, args, pipe in CASES:
        cmd = f'env {env} {BUSYBOX} ls {args}' + (' | cat' if pipe else '') + '; echo "status=$?"'
        out = subprocess.run(['script', '-qc', cmd, '/dev/null'], cwd=os.path.join(top, d), stdin=subprocess.DEVNULL,
                             capture_output=True, text=True, env={'PATH': os.environ['PATH'], 'TERM': 'xterm'}).stdout
        out = out.replace('\r\n', '\n')
        status = out[out.rindex('status='):]
        results.append({'dir': d, 'env': env, 'args': args, 'pipe': pipe, 'stdout': out[:out.rindex('status=')], 'status': int(status[7:])})
json.dump({'busybox': subprocess.run([BUSYBOX], capture_output=True, text=True).stdout.splitlines()[0], 'mtime': MTIME,
           'fixture': FIXTURE, 'cases': results}, sys.stdout, indent=1)
print()
