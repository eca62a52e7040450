#!/bin/bash
# --help and --version when stdout cannot take them (a full disk, a closed
# descriptor): status 1 and one line on stderr naming stdout and why, as
# for records; never a silent failure.
. "$top_srcdir/tests/cli/lib.sh"
[ -w /dev/full ] || skip_all "no /dev/full"
for p in mj-submit mj-wait mj-fetch mj-pack; do
	for o in --help --version; do
		"$p" "$o" > /dev/full 2> err
		is "$?" 1 "$p $o to a full disk: status 1"
		is "$(cat err)" "$p: stdout: No space left on device" \
		    "... one line on stderr says so"
	done
	"$p" --version >&- 2> err
	is "$?" 1 "$p --version with stdout closed: status 1"
	is "$(cat err)" "$p: stdout: Bad file descriptor" "... and says so"
done
done_testing
