#!/bin/bash
# Builds busybox at a tag (default 1_36_1) with the configuration of the docker-library busybox
# image (make defconfig, then its Dockerfile.builder's setConfs/unsetConfs; tc left out: the image
# patches it to build, and no applet of ours is tc), and writes, for the applets the simulated
# busybox image has (BUSYBOX_APPLETS in src/sim/kubelet/container-shell-image.ts):
#   - usage: the text after "Usage: APPLET " that bb_show_usage prints (libbb/appletlib.c), as
#     applets/usage (the host program the build runs to pack usage.h from the //usage: comments)
#     lists it for this configuration;
#   - optionErrorStatus: the exit status after getopt's complaint and the usage (1, or what the
#     applet set xfunc_error_retval to: sort and grep 2), observed with an option none has; null
#     for an applet that does not parse options with getopt;
#   - longOptions: of the long options our GNU-flavoured programs know (their option specs and
#     '--name' literals in src/shell/commands), those the built applet takes (getopt does not
#     answer them "unrecognized option"), observed by running it with each;
#   - shortOptions / argOptions: the letters and digits the built applet takes as options, without
#     and with an argument (getopt answers `APPLET -c` alone "invalid option" for the others, and
#     "option requires an argument" for those of argOptions);
#   - permutes: getopt finds options after an operand too (`APPLET x --zzzz` is refused), unless the
#     applet's option string starts with '+' (env, xargs…).
# The build uses the host's libc; usage texts and option tables do not depend on it.
#
#   scripts/busybox/extract-usage.sh /work/.mirror/mirror+busybox/repo 1_36_1 > src/sim/kubelet/busybox/usage.json
set -euo pipefail

repo="$1"
tag="${2:-1_36_1}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BUSYBOX_BUILD_DIR:-$(mktemp -d)}"

if [ ! -x "$work/busybox" ]; then
	git --git-dir="$repo" archive "$tag" | tar -x -C "$work"
	(
		cd "$work"
		make defconfig
		sed -i \
			-e 's/^CONFIG_FEATURE_SYNC_FANCY=.*/# CONFIG_FEATURE_SYNC_FANCY is not set/' \
			-e 's/^# CONFIG_AR is not set/CONFIG_AR=y/' \
			-e 's/^# CONFIG_FEATURE_AR_CREATE is not set/CONFIG_FEATURE_AR_CREATE=y/' \
			-e 's/^# CONFIG_FEATURE_AR_LONG_FILENAMES is not set/CONFIG_FEATURE_AR_LONG_FILENAMES=y/' \
			-e 's/^CONFIG_LAST_SUPPORTED_WCHAR=.*/CONFIG_LAST_SUPPORTED_WCHAR=0/' \
			-e 's/^# CONFIG_INOTIFYD is not set/CONFIG_INOTIFYD=y/' \
			-e 's/^CONFIG_TC=y/# CONFIG_TC is not set/' \
			.config
		yes '' | make oldconfig
		make -j"$(nproc)" busybox
	) >&2
fi

applets="$(node -e '
	const src = require("fs").readFileSync(process.argv[1], "utf8");
	const list = /const BUSYBOX_APPLETS = \[([^\]]*)\]/.exec(src)[1];
	console.log([...list.matchAll(/'"'"'([^'"'"']+)'"'"'/g)].map((m) => m[1]).join("\n"));
' "$here/src/sim/kubelet/container-shell-image.ts")"

# applets/usage writes the usage strings NUL-separated, ordered as strcmp orders the names.
names="$("$work/busybox" --list | LC_ALL=C sort)"
# The long names of flag('x', 'name') / withArg / optArg specs, and literal '--name' strings.
longOptions="$(
	{
		grep -rohE "\b(flag|withArg|optArg)\((undefined|'[^']?'), '[a-z][a-z0-9-]+'" "$here/src/shell/commands" | sed -E "s/.*, '([^']+)'$/--\1/"
		grep -rohE "'--[a-z][a-z0-9-]*[=']" "$here/src/shell/commands" | sed -E "s/^'//; s/[=']$//"
	} | LC_ALL=C sort -u
)"
probe="$(mktemp -d)"
(
	cd "$probe"
	for a in $applets; do
		if out="$(timeout 2 "$work/busybox" "$a" --zzzz-no-such-option </dev/null 2>&1 >/dev/null)"; then st=$?; else st=$?; fi
		taken=
		shorts=
		args=
		permutes=0
		case "$out" in
			*"unrecognized option"*)
				for o in $longOptions; do
					if out="$(timeout 1 "$work/busybox" "$a" "$o" </dev/null 2>&1 >/dev/null)"; then :; fi
					case "$out" in *"unrecognized option"*) ;; *) taken="$taken,$o" ;; esac
				done
				for c in a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M N O P Q R S T U V W X Y Z 0 1 2 3 4 5 6 7 8 9; do
					if out="$(timeout 1 "$work/busybox" "$a" "-$c" </dev/null 2>&1 >/dev/null)"; then :; fi
					case "$out" in
						*"invalid option"* | *"unrecognized option"*) ;;
						*"requires an argument"*) args="$args$c" ;;
						*) shorts="$shorts$c" ;;
					esac
				done
				if out="$(timeout 1 "$work/busybox" "$a" zzzz-operand --zzzz-no-such-option </dev/null 2>&1 >/dev/null)"; then :; fi
				case "$out" in *"unrecognized option"*) permutes=1 ;; esac
				;;
			*) st=- ;;
		esac
		echo "$a $st $permutes ${shorts:--} ${args:--} ${taken#,}"
	done
) > "$probe.probes"
"$work/applets/usage" > "$probe.usage"
node -e '
	const fs = require("fs");
	const [names, usageFile, probesFile, applets] = process.argv.slice(1);
	const texts = fs.readFileSync(usageFile, "latin1").split("\0");
	const byName = new Map(names.split("\n").map((n, i) => [n, texts[i]]));
	const probes = new Map(fs.readFileSync(probesFile, "utf8").trim().split("\n").map((l) => [l.split(" ")[0], l.split(" ").slice(1)]));
	const out = {};
	for (const a of applets.split("\n")) {
		if (!byName.has(a)) continue;
		const [status, permutes, shorts, args, taken] = probes.get(a);
		out[a] = {
			usage: byName.get(a),
			optionErrorStatus: status === "-" ? null : Number(status),
			shortOptions: shorts === "-" ? "" : shorts,
			argOptions: args === "-" ? "" : args,
			longOptions: taken ? taken.split(",") : [],
			permutes: permutes === "1",
		};
	}
	process.stdout.write(JSON.stringify(out, null, 1) + "\n");
' "$names" "$probe.usage" "$probe.probes" "$applets"
rm -rf "$probe" "$probe.usage" "$probe.probes"
