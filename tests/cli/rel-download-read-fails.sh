#!/bin/bash
# A file already downloaded cannot be read back for its hash (read(2)
# fails with EIO, faultsys.so): the record a retryable error naming the
# file, one message, status 1, the file kept; without the fault the same
# command hashes it, requesting nothing.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-journal-lib.sh"
sim_start --duration 0.2 --capacity 100
echo "read p" | mj-submit | mj-wait -i 100ms > done.jsonl
id=$(jq -r .task.id done.jsonl)
mj-fetch -d out done.jsonl > first.jsonl || exit 1
sum=$(jq -r '.files[0].sha256' first.jsonl)

asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
env LD_PRELOAD="$FAULTSYS_SO" FAULTSYS=read:EIO:1 FAULTSYS_PATH=/out/ \
    ASAN_OPTIONS="$asan" \
    mj-fetch -d out done.jsonl > out.jsonl 2> err
is "$?" 1 "the file cannot be read: status 1"
is "$(cat err)" "mj-fetch: line 1: out/$id.png: Input/output error" \
    "... one message naming it"
jq_ok out.jsonl '.[0].error.retryable == true' "... a retryable error"
ok "... the file kept" test -s "out/$id.png"
n=$(sim_stats | jq '.requests | to_entries | map(.value) | add')
mj-fetch -d out done.jsonl > again.jsonl
is "$?" 0 "the same command: status 0"
jq_ok again.jsonl ".[0].files[0].sha256 == \"$sum\"" "... the file's hash"
is "$(sim_stats | jq '.requests | to_entries | map(.value) | add')" "$n" \
    "... nothing requested"
done_testing
