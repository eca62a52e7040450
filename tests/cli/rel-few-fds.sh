#!/bin/bash
# too few file descriptors: errors, not crashes (the programs themselves:
# valgrind, under make check-valgrind, needs descriptors of its own);
# every record out, no prompt paid twice.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 100
seq 1 30 | sed 's/^/res /' > prompts.txt
mj-submit < prompts.txt 2>/dev/null | mj-wait -i 100ms 2>/dev/null > done.jsonl
mj-fetch -d out < done.jsonl > fetched.jsonl 2>/dev/null

( ulimit -n 12; exec "$top_builddir/src/mj-fetch" -j 8 -d fdout done.jsonl ) > fd.jsonl 2> err
rc=$?
ok "mj-fetch with 12 descriptors: status 0 or 1 ($rc), no crash" test "$rc" -le 1
jq_ok fd.jsonl 'length == 30 and all(.files or .error)' "... every record out, with its files or why not"
seq 1 30 | sed 's/^/fd /' > fdprompts.txt
( ulimit -n 12; exec "$top_builddir/src/mj-submit" -j 8 fdprompts.txt ) > fd2.jsonl 2> err
rc=$?
ok "mj-submit with 12 descriptors: status 0 or 1 ($rc), no crash" test "$rc" -le 1
jq_ok fd2.jsonl 'length == 30 and all(.task.id or .error)' "... every record out"
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("fd ")) | .value] | max // 0')" 1 \
    "... no prompt paid twice"
sim_stop
done_testing
