#!/bin/bash
# mj-submit: a CSV column named like a reserved field (task) is a usage
# error (status 2) naming it, and nothing is sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20
# a CSV column named like a reserved field is a usage error: nothing sent
before=$(sim_stats | jq .tasks_created)
printf 'prompt,task\nx,y\n' | mj-submit > out 2> err; rc=$?
is "$rc" 2 "a reserved column name is a usage error"
ok "... with a message naming it" grep -q 'task' err
is "$(sim_stats | jq .tasks_created)" "$before" "... and nothing was sent"
done_testing
