#!/bin/bash
# mj-submit against a server whose envelopes carry no words (an empty
# description; mjsim --bare): each record says what the code means
# instead.  A banned prompt (24): "refused", final.  A queue that stays
# full (23): "the server's queue is full", retryable.  An unknown code
# (5): "failed (code 5)", the task may exist.  Each on its own simulator.
. "$top_srcdir/tests/cli/lib.sh"
SIM_DIALECT_FIXED=1	# comet's codes 24 and 23 are asserted

sim_start --duration 0.2 --capacity 10 --bare
echo "a forbidden boat" | mj-submit > out.jsonl 2> err
is "$?" 1 "banned, no words: status 1"
jq_ok out.jsonl '.[0].error | .code == 24 and .retryable == false and .message == "refused"' \
    "... an error record: refused, code 24, final"
is "$(sim_stats | jq .tasks_created)" 0 "... nothing created"
sim_stop

export MJ_RETRY_BASE_MS=1	# a hundred backoffs of at most 32 ms
sim_start --duration 0.2 --capacity 0 --queue 0 --bare
echo "no room" | mj-submit > out.jsonl 2> err
is "$?" 1 "a full queue, no words: status 1"
jq_ok out.jsonl '.[0].error | .code == 23 and .retryable == true and
    .message == "the server'"'"'s queue is full"' \
    "... a retryable error record: the server's queue is full, code 23"
is "$(sim_stats | jq .tasks_created)" 0 "... nothing created"
sim_stop

sim_start --duration 0.2 --capacity 10 --bare --fault-first submit:oddcode:1
echo "odd code" | mj-submit > out.jsonl 2> err
is "$?" 1 "code 5, no words: status 1"
jq_ok out.jsonl '.[0].error | .code == 5 and .retryable == false and
    (.message | startswith("failed (code 5)")) and (.message | test("may exist"))' \
    "... failed (code 5), the task may exist"
is "$(sim_stats | jq '.submissions["odd code"]')" 1 "... not sent again"
done_testing
