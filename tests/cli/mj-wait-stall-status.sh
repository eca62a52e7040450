#!/bin/bash
# mj-wait --stall on a terminal (a tmux pane, read back with
# capture-pane): the status row counts the stalled tasks among the failed
# ones while the others are waited for, and the summary line says so too.
. "$top_srcdir/tests/cli/lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
SIM_DIALECT_FIXED=1	# trueai's cancel
sim_start --dialect trueai --cancel admin --stuck stuck --capacity 10 \
    --duration 0.3 --jitter 0
printf '%s\n' 'a stuck dog' 'a slow cat sim:dur=6' | mj-submit > sub.jsonl \
    2> /dev/null
sock=$TEST_DIR/tmux.sock
env="PATH='$PATH' MJ_BASE_URL='$MJ_BASE_URL' MJ_API_KEY='$MJ_API_KEY'"
run="mj-wait -i 200ms --stall 1s < sub.jsonl > out.jsonl"
tmux -S "$sock" new-session -d -x 100 -y 10 \
    "cd '$TEST_DIR' && $env $run; echo DONE-\$?; sleep 30"
shows() { tmux -S "$sock" capture-pane -p | grep -Eq "$1"; }
ok "the row counts the stalled task while the other one waits" \
    wait_until 10 shows '^mj-wait: 0 done, 1 waiting, 1 failed \(1 stalled\)'
diag "$(tmux -S "$sock" capture-pane -p | grep waiting | head -1)"
ok "... the run ends" wait_until 20 shows 'DONE-1'
ok "... with a summary counting it" \
    shows '^mj-wait: 1 done, 1 failed \(1 stalled\)'
diag "$(tmux -S "$sock" capture-pane -p | grep -v '^$')"
jq_ok out.jsonl 'length == 2 and
    (map(select(.error.cancelled == true)) | length) == 1' \
    "stdout: both records, one stalled and cancelled"
tmux -S "$sock" kill-server 2>/dev/null
done_testing
