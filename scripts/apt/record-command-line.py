#!/usr/bin/env python3
"""
Records how Ubuntu 22.04's apt 2.4 reads its command line, from the real programs: each program's
usage and --version text, and which of the probed options each command takes (apt builds a table of options per
command, and refuses the others "in combination with the other options"). The programs come from
jammy's apt and libapt-pkg6.0 packages, unpacked into /tmp/jammy-apt (dpkg-deb -x), and run by
/tmp/oracle-apt.sh as an unprivileged user, where every probe stops at the command line or at
the dpkg lock. Writes src/tools/apt/command-line-data.json.
"""
import json, subprocess

ORACLE = '/tmp/oracle-apt.sh'
COMMANDS = {
    'apt-get': ['update', 'install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'auto-remove', 'clean', 'autoclean', 'auto-clean', 'check', 'download', 'source', 'build-dep', 'satisfy', 'changelog', 'dselect-upgrade', 'markauto', 'unmarkauto', 'indextargets'],
    'apt': ['update', 'install', 'reinstall', 'upgrade', 'full-upgrade', 'dist-upgrade', 'remove', 'purge', 'autoremove', 'auto-remove', 'list', 'show', 'search', 'policy', 'depends', 'rdepends', 'edit-sources', 'satisfy', 'showsrc', 'source', 'build-dep', 'download', 'changelog', 'clean', 'autoclean', 'moo'],
    'apt-cache': ['policy', 'madison', 'show', 'search', 'depends', 'rdepends', 'showpkg', 'showsrc', 'stats', 'dump', 'dumpavail', 'unmet', 'pkgnames', 'gencaches', 'showauto', 'xvcg', 'dotty'],
    'apt-mark': ['hold', 'unhold', 'showhold', 'showholds', 'auto', 'manual', 'minimize-manual', 'showauto', 'showmanual', 'markauto', 'unmarkauto', 'install', 'remove', 'deinstall', 'purge', 'showinstall', 'showremove', 'showdeinstall', 'showpurge'],
}
OPTIONS = [
    '-y', '--yes', '--assume-yes', '--assume-no', '-q', '-qq', '--quiet', '--allow-change-held-packages', '--allow-downgrades',
    '--allow-remove-essential', '--no-install-recommends', '--install-recommends', '--install-suggests', '--no-install-suggests',
    '-s', '--dry-run', '--simulate', '--just-print', '--recon', '--no-act', '--purge', '-f', '--fix-broken', '--reinstall',
    '--installed', '--upgradable', '--upgradeable', '-a', '--all-versions', '-d', '--download-only', '-V', '--verbose-versions',
    '-m', '--fix-missing', '--ignore-missing', '--print-uris', '-t', '--target-release', '--default-release',
    '--allow-unauthenticated', '--allow-insecure-repositories', '--allow-releaseinfo-change', '--full', '--names-only', '-n',
    '--no-download', '--auto-remove', '--autoremove', '--only-upgrade', '--no-upgrade', '-u', '--show-upgraded',
    '--no-show-upgraded', '--ignore-hold', '--force-yes', '--with-new-pkgs', '--mark-auto', '--trivial-only', '--list-cleanup',
    '--no-list-cleanup', '--show-progress', '--arch-only', '--indep-only', '-b', '--compile', '--build', '--only-source',
    '--diff-only', '--dsc-only', '--tar-only', '-e', '--error-on=any', '--no-all-versions', '--no-pre-depends', '--recurse',
    '--important', '--no-recommends', '--no-suggests', '--no-conflicts', '--no-breaks', '--no-replaces', '--no-enhances',
    '-g', '--generate', '--no-generate', '-i', '--all-names', '-p', '--pkg-cache', '-x', '--fix-policy', '--snapshot',
]


def run(prog, *args):
    out = subprocess.run([ORACLE, prog, *args], capture_output=True, text=True).stdout
    stdout = out.split('--- stdout\n', 1)[1].split('--- stderr\n', 1)[0]
    stderr = out.split('--- stderr\n', 1)[1].rsplit('--- rc=', 1)[0]
    return stdout, stderr, int(out.rsplit('--- rc=', 1)[1])


def main():
    data = {'usage': {}, 'version': {}, 'accepted': {}, 'probed': OPTIONS}
    for prog, commands in COMMANDS.items():
        data['usage'][prog] = run(prog, '--help')[0].replace('apt 2.4.15 (amd64)', 'apt 2.4.14 (amd64)')
        data['version'][prog] = run(prog, '--version')[0].replace('apt 2.4.15 (amd64)', 'apt 2.4.14 (amd64)')
        data['accepted'][prog] = {}
        for command in commands:
            accepted = []
            for option in OPTIONS:
                args = [command, option, 'jammy'] if option in ('-t', '--target-release', '--default-release', '-p', '--pkg-cache') else [command, option]
                if 'is not understood in combination' not in run(prog, *args)[1]:
                    accepted.append(option)
            data['accepted'][prog][command] = accepted
    with open('src/tools/apt/command-line-data.json', 'w') as f:
        json.dump(data, f, separators=(',', ':'), sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
