#!/bin/bash
# Records busybox 1.36.1's answers to the commands of test/golden/busybox-applets/cases.txt, for
# test/sim/kubelet/busybox-applets.test.ts: each case runs in a scratch directory holding the
# fixture files below, with the busybox built by extract-usage.sh (the docker-library image's
# configuration), and its stdout, stderr and exit status are written as
#   $ COMMAND / stdout lines / --- stderr / stderr lines / --- status N
# It also writes busybox's own help (`busybox` alone, at 80 columns) to help.txt beside the cases.
# That build is linked with the host's glibc and dated the day it was built; the image is the
# uClibc build of 2023-05-18: the banner gets the image's date (BUSYBOX_BANNER in
# src/sim/kubelet/busybox-text.ts) and getopt's complaints uClibc's words (libc/unistd/getopt.c:
# "illegal option -- %c", "option requires an argument -- %c", "unrecognized option `--%s'").
#
#   scripts/busybox/record-applets.sh /tmp/bbsrc/busybox > test/golden/busybox-applets/expected.txt
set -euo pipefail
busybox="$(realpath "$1")"
here="$(cd "$(dirname "$0")/../.." && pwd)"
banner="$(grep -o "BusyBox v1.36.1 ([^)]*)" "$here/src/sim/kubelet/busybox-text.ts")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
printf 'a\tb\nhello world\n' > f1
printf 'x\ny\n' > f2
printf 'a\n' > s1
printf 'a\tb c\nb\n' > s2
uclibc() {
	sed -E \
		-e "s/^BusyBox v1\.36\.1 \([^)]*\)/$banner/" \
		-e "s/^([a-z0-9]+): invalid option -- '(.)'$/\1: illegal option -- \2/" \
		-e "s/^([a-z0-9]+): option requires an argument -- '(.)'$/\1: option requires an argument -- \2/" \
		-e "s/^([a-z0-9]+): unrecognized option '--(.*)'$/\1: unrecognized option \`--\2'/"
}
COLUMNS=80 "$busybox" 2>&1 | uclibc > "$here/test/golden/busybox-applets/help.txt"
while IFS= read -r line; do
	[ -n "$line" ] || continue
	read -r -a argv <<< "$line"
	set +e
	"$busybox" "${argv[@]}" < /dev/null > "$work/.out" 2> "$work/.err"
	status=$?
	set -e
	echo "\$ $line"
	cat "$work/.out"
	echo '--- stderr'
	uclibc < "$work/.err"
	echo "--- status $status"
done < "$here/test/golden/busybox-applets/cases.txt"
