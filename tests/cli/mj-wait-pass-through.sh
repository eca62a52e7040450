#!/bin/bash
# mj-wait: a bare id (as text) gives a record with its task; records
# without a task or with an error pass through untouched and do not count
# as failures.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
echo 'fine' | mj-submit 2>/dev/null | mj-wait -i 200ms > grid 2>/dev/null
id=$(jq -r .task.id grid)
printf '%s\n' "$id" '{"note":"no task"}' '{"error":{"stage":"submit","message":"x"},"prompt":"p"}' | mj-wait -i 200ms > out 2> err
is "$?" 0 "pass-through records do not count as failures"
jq_ok out 'map(select(.task)) | length == 1 and .[0].task.id == "'"$id"'" and (.[0].task.id | type) == "string"' \
    "a bare id gives a record with its task, the id as text"
jq_ok out 'map(select(.note == "no task")) | length == 1' "a record without a task passes through"
jq_ok out 'map(select(.error.message == "x")) | length == 1' "an error record passes through untouched"
done_testing
