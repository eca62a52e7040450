#!/bin/bash
# The live status line (design.md): drawn on stderr when it is a terminal
# (here a tmux pane, read back with capture-pane), never on stdout, never
# with -q, never when stderr is not a terminal.  It counts, and once some
# tasks are done it shows their rate and, the input read, an ETA.
. "$top_srcdir/tests/cli/lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
sim_start --duration 2 --jitter 0 --capacity 50
# tasks of 1 to 6 s: one done a second
seq 1 6 | sed 's/.*/tty & sim:dur=&/' | mj-submit > sub.jsonl 2>/dev/null
n=0
pane() {	# pane COMMAND: run it in a fresh 100x10 tmux pane, its own server
	[ -n "${sock:-}" ] && tmux -S "$sock" kill-server 2>/dev/null
	n=$((n + 1))
	sock=$TEST_DIR/tmux.$n.sock
	tmux -S "$sock" new-session -d -x 100 -y 10 \
	    "cd '$TEST_DIR' && PATH='$PATH' MJ_BASE_URL='$MJ_BASE_URL' MJ_API_KEY='$MJ_API_KEY' $1; echo DONE-\$?; sleep 30"
}
screen() { tmux -S "$sock" capture-pane -p; }

pane "mj-wait -i 200ms < sub.jsonl > out.jsonl"
ok "the pane shows a status line while mj-wait polls" wait_until 10 sh -c "tmux -S '$sock' capture-pane -p | grep -q 'waiting'"
diag "status: $(screen | grep waiting | head -1)"
ok "... with the rate and an ETA once tasks are done" wait_until 10 sh -c "tmux -S '$sock' capture-pane -p | grep -Eq '^mj-wait: [1-5] done, [1-5] waiting, 0 failed, [0-9.]+/s, ETA [0-9]+s'"
diag "status: $(screen | grep waiting | head -1)"
ok "... and the program ends" wait_until 20 sh -c "tmux -S '$sock' capture-pane -p | grep -q DONE-0"
ok "the line is erased at the end" sh -c "! tmux -S '$sock' capture-pane -p | grep -q waiting"
jq_ok out.jsonl 'length == 6 and all(.task.status == "SUCCESS")' "stdout holds the records only"
ok "no status text on stdout" sh -c "! grep -q waiting out.jsonl"

pane "mj-wait -q -i 200ms < sub.jsonl > out.jsonl"
ok "-q: the program ends" wait_until 20 sh -c "tmux -S '$sock' capture-pane -p | grep -q DONE-0"
ok "-q: no status line" sh -c "! tmux -S '$sock' capture-pane -p | grep -q waiting"

mj-wait -i 200ms < sub.jsonl 2> err.txt > out.jsonl
is "$?$(cat err.txt)" "0" "stderr not a terminal: no status line"
tmux -S "$sock" kill-server 2>/dev/null
done_testing
