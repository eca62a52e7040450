#!/bin/bash
# libcurl cannot say a submission's HTTP status (CURLINFO_RESPONSE_CODE):
# the request left, so its task may exist; it is never sent again, and
# the server's list, read in the same run, gives it its task: every
# prompt one task, paid once.  When it cannot tell any status, the list
# cannot be read either: the tasks stay "may exist", never sent again,
# and the same command without the fault finds them.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"
sim_start --duration 0.2 --capacity 100
prompts status 3

failing getinfo=RESPONSE_CODE:1 mj-submit -j 1 --settle 1 \
    --journal run.journal prompts.txt > out.jsonl 2> err
is "$?" 0 "a status unknown: status 0"
ok "... the fault was made" grep -q 'getinfo 1 (RESPONSE_CODE)' failcurl.log
sim_stats > stats.json
one_task_each out.jsonl stats.json \
    "... its task found in the list, every prompt submitted once"
ok "... the journal reads back, whole" journal_whole run.journal
sim_stop

mkdir all && cd all || exit 1
sim_start --duration 0.2 --capacity 100
prompts status 2
failing getinfo=RESPONSE_CODE:1+ mj-submit -j 1 --settle 1 \
    --journal run.journal prompts.txt > out.jsonl 2> err
is "$?" 1 "no status known, not even the list's: status 1"
jq_ok out.jsonl 'length == 2 and all(.error.retryable == false and
    (.error.message | contains("the task may exist")))' \
    "... each record: the task may exist, not to be sent again"
is "$(sent status)" 2 "... each request sent once"
rerun status 2
done_testing
