#!/bin/bash
# libcurl cannot give back a finished transfer's request
# (CURLINFO_PRIVATE): the reply cannot be matched to its prompt, so the
# program stops at once, one message, status 1; the same command finds
# that prompt's task in the server's list, every prompt paid once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts private 3

failing getinfo=PRIVATE:2 mj-submit -j 1 --journal run.journal \
    prompts.txt > out.jsonl 2> err
is "$?" 1 "a transfer without its request: status 1"
is "$(cat err)" "mj-submit: libcurl: a transfer lost its request" \
    "... one message"
is "$(sent private)" 2 "... two requests were sent"
rerun private 3
done_testing
