#!/bin/bash
# Writes the names the busybox image's /bin holds: its Dockerfile.builder links the binary into
# rootfs/bin and runs `busybox --install /bin`, which links every applet of the build there. The
# names come from a build of the image's configuration (`busybox --list` of the build
# extract-usage.sh makes), plus tc, which that build leaves out and the image builds with its
# no-cbq patch, and busybox itself.
#
#   scripts/busybox/list-applets.sh /path/to/built/busybox > src/sim/kubelet/busybox/image-applets.json
set -euo pipefail
{
	"$1" --list
	echo tc
	echo busybox
} | LC_ALL=C sort -u | node -e '
	const names = require("fs").readFileSync(0, "utf8").trim().split("\n");
	process.stdout.write(JSON.stringify(names) + "\n");
'
