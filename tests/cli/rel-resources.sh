#!/bin/bash
# Resource faults: stdout closed early (SIGPIPE), stdout on a full device,
# a full disk for mj-pack, a journal that cannot be used, a journal from
# another input, and too few file descriptors.  Clear messages, documented
# statuses, never a crash, never a task paid twice.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 100
seq 1 30 | sed 's/^/res /' > prompts.txt
mj-submit < prompts.txt 2>/dev/null | mj-wait -i 100ms 2>/dev/null > done.jsonl
mj-fetch -d out < done.jsonl > fetched.jsonl 2>/dev/null
before=$(sim_stats | jq .tasks_created)

# stdout closed early: each program stops quietly, status 1
for p in "mj-submit --journal pipe.journal prompts2.txt" "mj-wait -i 100ms done.jsonl" \
    "mj-fetch -d out fetched.jsonl" "mj-pack -o p.tar fetched.jsonl"; do
	seq 1 30 | sed 's/^/pipe /' > prompts2.txt
	name=${p%% *}
	$p 2> err | head -1 > /dev/null
	rc=${PIPESTATUS[0]}
	ok "$name: stdout closed early: ends with status 1 or 0 ($rc)" test "$rc" -le 1
	is "$(cat err)" "" "$name: stdout closed early: quietly"
done
is "$(grep -c '^T ' pipe.journal)" "$(grep -c '^S ' pipe.journal)" \
    "mj-submit: replies due when stdout closed still reached the journal"
sent=$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("pipe"))] | length')
ok "mj-submit: stopped sending once its reader was gone ($sent of 30 sent)" test "$sent" -lt 30
mj-submit --journal pipe.journal prompts2.txt > rest.jsonl 2>/dev/null
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("pipe")) | .value] | (length == 30 and all(. == 1))')" \
    true "mj-submit: a rerun submits the rest, each prompt once"

# stdout on a full device
for p in "mj-submit -n prompts.txt" "mj-wait -i 100ms done.jsonl" \
    "mj-fetch -d out fetched.jsonl" "mj-pack -o f.tar fetched.jsonl"; do
	name=${p%% *}
	$p > /dev/full 2> err
	is "$?" 1 "$name: stdout on /dev/full: status 1"
	ok "$name: ... saying so" grep -q "^$name: stdout: No space left on device" err
done

# a full disk for mj-pack: a file size limit stands in for it
( ulimit -f 64; exec mj-pack -o big.tar fetched.jsonl ) > packed.jsonl 2> err
is "$?" 1 "mj-pack: the archive cannot be written: status 1"
ok "mj-pack: ... no archive and no .part left" test ! -e big.tar -a ! -e big.tar.part
jq_ok packed.jsonl 'length == 30 and all(.error.stage == "pack" and .error.retryable == true)' \
    "mj-pack: ... every record printed with a retryable error"

# a journal that cannot be used: a directory, and an unreadable file
mkdir jdir
echo 'x' | mj-submit --journal jdir > o.jsonl 2> err
is "$?" 2 "a journal that is a directory: status 2"
ok "... with a message naming it" grep -q 'jdir' err
is "$(wc -c < o.jsonl | tr -d ' ')" 0 "... and nothing submitted"
printf 'not a journal\n' > other.txt
echo 'x' | mj-submit --journal other.txt > o.jsonl 2> err
is "$?" 2 "a file that is not a journal: status 2"
ok "... is not overwritten" grep -qx 'not a journal' other.txt
if [ "$(id -u)" != 0 ]; then
	: > locked.journal; chmod 000 locked.journal
	echo 'x' | mj-submit --journal locked.journal > o.jsonl 2> err
	is "$?" 2 "an unreadable journal: status 2"
fi

# a journal from another input: nothing of this input is taken as done
seq 1 5 | sed 's/^/first input /' | mj-submit --journal shared.journal > /dev/null 2>&1
seq 1 5 | sed 's/^/second input /' | mj-submit --journal shared.journal > second.jsonl 2>/dev/null
jq_ok second.jsonl 'length == 5 and all(.task.id and (.submit.resumed | not))' \
    "a journal from another input: every new prompt submitted"
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | test("input")) | .value] | (length == 10 and all(. == 1))')" \
    true "... each prompt of both inputs once"

# too few file descriptors: errors, not crashes (the programs themselves:
# valgrind, under make check-valgrind, needs descriptors of its own)
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
done_testing
