#!/bin/bash
# mj-fetch where files cannot be written: a file size limit, a full disk
# (a small tmpfs, when we may mount one), a DIR that cannot be made; and
# URLs that are not http or https, refused without a connection.  Each is
# an error record, status 1, and never a partial file under a final name.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

sim_start --duration 0.2 --jitter 0 --image-bytes 200000
printf '%s\n' '{"prompt":"big one"}' '{"prompt":"big two"}' | mj-submit | mj-wait -i 200ms > tasks
jq_ok tasks 'length == 2 and all(.task.status == "SUCCESS")' "two finished tasks"

# a file size limit (ulimit -f): EFBIG, not a death by SIGXFSZ
rm -rf out
(ulimit -f 64; exec "$top_builddir/src/mj-fetch" -d out < tasks > out.fsz 2> err)
is "$?" 1 "a file size limit: status 1 (no SIGXFSZ death)"
jq_ok out.fsz 'length == 2 and all(.error.stage == "fetch" and (.error.message | test("\\.part: File too large$")) and .files == [])' \
    "... error records naming the .part and the reason"
is "$(find out -type f | wc -l)" 0 "... no file left, final or .part"
is "$(grep -c '^mj-fetch: line [12]: .*File too large' err)" 2 "... one message per record"

# a full disk: a 100 KiB tmpfs (skipped where mounting is not allowed)
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

# a DIR that cannot be created (a file in the way; root ignores modes)
echo x > afile
run_prog mj-fetch -d afile/sub < tasks > out.dir 2> err
is "$?" 1 "an unwritable DIR: status 1"
jq_ok out.dir 'length == 2 and all(.error.stage == "fetch" and .error.message == "afile/sub: Not a directory" and .files == [])' \
    "... error records saying why"
is "$(cat afile)" x "... and the file in the way is untouched"
ok "... stderr says it" grep -q '^mj-fetch: line 1: afile/sub: Not a directory$' err

# only http and https: the others are refused without any connection
conns=$(sim_stats | jq .connections)
for u in file:///etc/passwd "ftp://127.0.0.1:$SIM_PORT/x" \
    "gopher://127.0.0.1:$SIM_PORT/x" "//127.0.0.1:$SIM_PORT/x" /etc/passwd \
    "javascript:alert(1)"; do
	jq -cn --arg u "$u" '{task:{id:"bad",status:"SUCCESS",imageUrl:$u}}'
done > schemes
run_prog mj-fetch -d sch < schemes > out.sch 2> err
is "$?" 1 "other schemes: status 1"
jq_ok out.sch 'length == 6 and all(.error.stage == "fetch" and .error.retryable == false and (.error.message | test("only http and https")) and .files == [])' \
    "... each an error record"
is "$(sim_stats | jq .connections)" "$((conns + 1))" "... and no connection (only the stats query)"
is "$(ls sch 2>/dev/null | wc -l)" 0 "... and no file written"
# an upper-case scheme is still http
jq -c '.task.imageUrl |= sub("^http"; "HTTP")' tasks | head -1 > upper
run_prog mj-fetch -d up < upper > out.up 2> err
is "$?" 0 "HTTP:// in capitals is fetched"
done_testing
