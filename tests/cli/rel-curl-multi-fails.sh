#!/bin/bash
# libcurl's multi handle fails (curl_multi_perform, curl_multi_poll) while
# two submissions wait for their replies: the program stops at once, one
# message, status 1, their journal lines say they were sent; the same
# command takes their tasks over from the server's list and sends the
# rest, each prompt once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"
sim_start --duration 0.2 --capacity 100 --slow-ms 3000 \
    --fault-first submit:slow:2
prompts multi 3

# the 4th turn of the loop: the two first replies take 3 s
failing multi_perform:4 mj-submit -j 2 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 1 "the multi handle fails: status 1"
is "$(cat err)" "mj-submit: libcurl: Out of memory" "... one message"
is "$(grep -c '^S ' run.journal)" 2 "... two requests were on the wire"
is "$(grep -c '^T ' run.journal)" 0 "... their replies never read"
rerun multi 3
sim_stop

# the same with curl_multi_poll, which waits for them
mkdir poll && cd poll || exit 1
sim_start --duration 0.2 --capacity 100 --slow-ms 3000 \
    --fault-first submit:slow:2
prompts multi 3
failing multi_poll:4 mj-submit -j 2 --journal run.journal prompts.txt \
    > out.jsonl 2> err
is "$?" 1 "curl_multi_poll fails: status 1"
is "$(cat err)" "mj-submit: libcurl: Out of memory" "... one message"
is "$(grep -c '^S ' run.journal)" 2 "... two requests were on the wire"
rerun multi 3
done_testing
