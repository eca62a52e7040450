#!/bin/bash
# mj-fetch on a full disk (a 100 KiB tmpfs, skipped where mounting is not
# allowed): retryable error records, status 1, no truncated file.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mj-fetch-disk-lib.sh"
sim_start --duration 0.2 --jitter 0 --image-bytes 200000
two_tasks
mkdir small
if mount -t tmpfs -o size=100k tmpfs small 2>/dev/null; then
	trap 'umount "$TEST_DIR/small" 2>/dev/null; _cleanup' EXIT
	run_prog mj-fetch -d small/out -j 1 < tasks > out.full 2> err
	is "$?" 1 "a full disk: status 1"
	jq_ok out.full 'all(.error.stage == "fetch" and .error.retryable == true and (.error.message | test("No space left on device")))' \
	    "... retryable errors saying the disk is full"
	is "$(find small -type f | wc -l)" 0 "... no truncated file anywhere"
	umount small
else
	ok "# SKIP cannot mount a tmpfs" true
	ok "# SKIP cannot mount a tmpfs" true
	ok "# SKIP cannot mount a tmpfs" true
fi
done_testing
