#!/bin/bash
# mj-submit: a reserved column (task) in the second of two CSV operands,
# after records of the first were taken: the work of the first is
# finished, the second file is skipped with a message naming the column,
# status 2 (a usage error); nothing of it is sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20
printf 'prompt,sku\nfirst file,A1\n' > a.csv
printf 'prompt,task\nsecond file,y\n' > b.csv
mj-submit a.csv b.csv > out.jsonl 2> err
is "$?" 2 "status 2"
ok "... a message naming the column" grep -q "CSV column .task. is reserved by mjpipe" err
jq_ok out.jsonl 'length == 1 and .[0].prompt == "first file" and .[0].task.id != null' \
    "... the first file's record submitted"
is "$(sim_stats | jq '.submissions | keys')" '[
  "first file"
]' "... nothing of the second sent"
done_testing
