#!/bin/bash
# mj-fetch takes only http and https: file:, ftp:, gopher:, no scheme, a
# path, javascript: are error records, not retryable, status 1, without
# any connection and without a file.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mj-fetch-disk-lib.sh"
sim_start --duration 0.2 --jitter 0 --image-bytes 200000
# counted from this simulator's start (the old mj-fetch-disk.sh took it
# after its other cases, on the simulator they shared)
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
done_testing
