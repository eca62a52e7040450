#!/bin/bash
# -f auto never pays for a CSV header without a prompt column: status 2,
# nothing sent, one message naming the columns and both ways out.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
printf 'text,sku\nhello,S1\nworld,S2\n' > items.csv
mj-submit items.csv > out 2> err
is "$?" 2 "auto: a CSV header without a prompt column: status 2"
is "$(wc -c < out | tr -d ' ')" 0 "... nothing written"
ok "... the message names the columns and both ways out" grep -qF \
    "mj-submit: the input looks like CSV whose header has no 'prompt' column (columns: text, sku); nothing was sent: name the prompt's column with --prompt-field NAME, or read each line as a prompt with -f lines" err
ok "... one message, then the pointer to --help" test "$(wc -l < err)" = 1
is "$(sim_stats | jq .tasks_created)" 0 "... and nothing was sent"
sim_stop
done_testing
