#!/bin/bash
# mj-submit with a base URL whose path is wrong: the server answers 404
# with a body that is no envelope.  Nothing was created: an error record
# with HTTP 404, not retryable (the same URL would fail again), sent
# once each, and the run goes on to the next.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 10
printf 'wrong url 1\nwrong url 2\n' |
    MJ_BASE_URL="$SIM_URL/nope" mj-submit > out.jsonl 2> err
is "$?" 1 "status 1"
jq_ok out.jsonl 'length == 2 and all(.error.http == 404 and .error.retryable == false and
    .error.message == "not submitted: HTTP 404"
    and .task == null)' "each an error record: HTTP 404, not retryable"
sim_stats > stats.json
is "$(jq '.requests["POST /nope/mj/submit/imagine"]' stats.json)" 2 "each sent once"
is "$(jq .tasks_created stats.json)" 0 "nothing created"
done_testing
