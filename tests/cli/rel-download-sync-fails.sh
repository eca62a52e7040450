#!/bin/bash
# fsync(2) fails with EIO (faultsys.so) on a downloaded file before it is
# named, or on the directory after, or close(2) does under --no-sync
# (which syncs nothing): the record a retryable error naming
# what, one message, status 1; a file not synced is not left, under any
# name; a file named before its directory's sync failed is taken as
# found by the same command, which then requests nothing.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100
echo "synced p" | mj-submit | mj-wait -i 100ms > done.jsonl
id=$(jq -r .task.id done.jsonl)

images() {
	sim_stats | jq '[.requests | to_entries[] |
	    select(.key | startswith("GET /mj/image")) | .value] | add // 0'
}

# faulty_in DIR SPEC [OPTION]: mj-fetch [OPTION] -d DIR with FAULTSYS=SPEC
# on DIR's files
faulty_in() {
	local asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}
	env LD_PRELOAD="$FAULTSYS_SO" FAULTSYS="$2" FAULTSYS_PATH="/$1" \
	    ASAN_OPTIONS="${asan}verify_asan_link_order=0" \
	    FAULTSYS_LOG="$TEST_DIR/faultsys.log" mj-fetch ${3:+"$3"} -d "$1" \
	    done.jsonl
}

# the 1st fsync is the file's, the 2nd the directory's
faulty_in a fsync:EIO:1 > a.jsonl 2> a.err
is "$?" 1 "the file's sync fails: status 1"
is "$(cat a.err)" "mj-fetch: line 1: a/$id.part: Input/output error" \
    "... one message naming it"
jq_ok a.jsonl '.[0].error.retryable == true and .[0].files == []' \
    "... a retryable error, no file in the record"
is "$(ls -A a | wc -l)" 0 "... nothing left in the directory"

faulty_in b fsync:EIO:2 > b.jsonl 2> b.err
is "$?" 1 "the directory's sync fails: status 1"
is "$(cat b.err)" "mj-fetch: line 1: b: Input/output error" \
    "... one message naming it"
jq_ok b.jsonl '.[0].error.retryable == true' "... a retryable error"
ok "... the file is under its name" test -f "b/$id.png"
faulty_in c close:EIO:1 --no-sync > c.jsonl 2> c.err
is "$?" 1 "--no-sync, the file's close fails: status 1"
is "$(cat c.err)" "mj-fetch: line 1: c/$id.part: Input/output error" \
    "... one message naming it"
jq_ok c.jsonl '.[0].error.retryable == true and .[0].files == []' \
    "... a retryable error, no file in the record"
is "$(ls -A c | wc -l)" 0 "... nothing left in the directory"

before=$(images)
mj-fetch -v -d b done.jsonl > b2.jsonl 2> b2.err
is "$?" 0 "the same command: status 0"
ok "... the file found" grep -q "b/$id.png: already there" b2.err
jq_ok b2.jsonl '.[0].files | length == 1' "... in the record"
is "$(images)" "$before" "... nothing requested"
done_testing
