#!/bin/bash
# mj-submit: an earlier run's request whose reply was lost, and the task
# list holding two tasks with its tag (someone sent it again by hand):
# the rerun takes the first the server lists, says so on stderr, and sends nothing.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 10 --fault-first submit:lost:1 --fault poll:500:1
echo "tagged twice" > in.txt
mj-submit --settle 0 --journal j in.txt > out1.jsonl 2> err
is "$?" 1 "the reply lost, the task list unreadable: status 1"
sim_post /_sim/faults '{"faults":[]}' > /dev/null
tag=$(sim_api GET /mj/task/list | jq -r '.[0].state')
ok "the lost request's task carries mjpipe's tag" test "${tag#mjpipe-}" != "$tag"
sim_api POST /mj/submit/imagine "{\"prompt\":\"tagged twice\",\"state\":\"$tag\"}" > /dev/null
# and others in the list: a state of someone else's, another run's tag
sim_api POST /mj/submit/imagine '{"prompt":"not ours","state":"row-17"}' > /dev/null
echo "another run" | mj-submit --journal other.journal > /dev/null 2>&1
# the server's order decides which: the first it lists
first=$(sim_api GET /mj/task/list | jq -r "map(select(.state == \"$tag\"))[0].id")

mj-submit --settle 0 --journal j in.txt > out2.jsonl 2> err
is "$?" 0 "the rerun: status 0"
jq_ok out2.jsonl ".[0].task.id == \"$first\" and .[0].submit.reconciled == true" \
    "... the record takes the first task listed with the tag"
ok "... and says that two carry the tag" \
    grep -q "the task list has 2 tasks tagged $tag; taking $first" err
is "$(sim_stats | jq '.submissions["tagged twice"]')" 2 "... nothing more sent"
is "$(sim_stats | jq .tasks_created)" 4 "... the others untouched"
done_testing
