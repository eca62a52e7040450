#!/bin/bash
# mj-submit: an input that cannot be read (a directory: read(2) fails
# with EISDIR) is reported once and skipped, as cat does: the other
# operands are submitted, status 1.  (It used to report the error
# forever, never ending.)
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 10
mkdir adir
echo "before the directory" > a.txt
echo "after the directory" > b.txt
timeout 30 mj-submit a.txt adir b.txt > out.jsonl 2> err
is "$?" 1 "a directory among the operands: status 1"
is "$(cat err)" "mj-submit: adir: Is a directory" "... reported once"
jq_ok out.jsonl 'length == 2 and all(.task.id != null)' "... the other operands submitted"
sim_stats > stats.json
one_task_each out.jsonl stats.json "... each its one task"

timeout 30 mj-submit < adir > out2.jsonl 2> err
is "$?" 1 "stdin a directory: status 1"
is "$(cat err)" "mj-submit: -: Is a directory" "... reported once"
is "$(wc -c < out2.jsonl | tr -d ' ')" 0 "... no record"
done_testing
