#!/bin/bash
# The journal's disk fills up in the middle of a run (a file size limit:
# write(2) fails with EFBIG): nothing is sent without its S line on disk,
# a reply that cannot be journaled is reported, and the same command with
# room again finishes with every prompt submitted exactly once.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 100
seq 1 20 | sed 's/^/full prompt /' > prompts.txt

# room for the header and a few lines (S and T lines are about 80 bytes);
# stdout and stderr go through a pipe, which the limit does not touch.
# In a coverage build the limit would also cut the program's .gcda files
# at exit, which spoils every later count: this run writes its own.
(ulimit -f 1 && GCOV_PREFIX=$PWD/gcov exec mj-submit -j 2 \
    --journal run.journal prompts.txt 2>&1) | cat > both
st=${PIPESTATUS[0]}
grep '^{' both > out1.jsonl
grep -v '^{' both > err1
is "$st" 1 "the disk fills up: status 1"
ok "... the journal's error is said" grep -q 'File too large' err1
sim_stats > stats1.json
sent=$(jq '[.submissions | to_entries[] |
    select(.key | startswith("full prompt"))] | length' stats1.json)
s_lines=$(grep -c '^S ' run.journal)
ok "nothing was sent without its S line ($sent sent, $s_lines S lines)" \
    test "$sent" -le "$s_lines"
ok "... and not all 20 were sent" test "$sent" -lt 20
jq_ok out1.jsonl 'length == 20 and ([.[] | select(.error)] | length) > 0' \
    "every prompt has its record; those not sent carry an error"
# the write that met the limit may leave a torn last line (no '\n'), which
# the next run cuts off; every line before it is whole
if [ "$(tail -c 1 run.journal | od -An -c | tr -d ' ')" = '\n' ]; then
	cp run.journal whole.journal
else
	sed '$d' run.journal > whole.journal
fi
k='[0-9a-f]{64}'
sed 1d whole.journal | grep -Evq "^(S $k( [0-9]+)?|T $k [^ ]+|R $k)\$"
is "$?" 1 "the journal: whole lines, then at most a torn one"

mj-submit -j 2 --journal run.journal prompts.txt > out2.jsonl 2> err2
is "$?" 0 "the same command with room: status 0"
jq_ok out2.jsonl 'length == 20 and all(.task.id != null and (.error | not))' \
    "... every prompt has its task"
sim_stats > stats2.json
is "$(jq '[.submissions | to_entries[] | select(.key | startswith("full prompt"))
    | .value] | (length == 20 and all(. == 1))' stats2.json)" true \
    "every prompt submitted exactly once"
done_testing
