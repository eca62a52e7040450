#!/bin/bash
# A CSV file whose header has no prompt column, read the two ways the
# message names: --prompt-field NAME submits its rows, -f lines reads each
# line as a prompt.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
printf 'text,sku\nhello,S1\nworld,S2\n' > items.csv
mj-submit --prompt-field text items.csv > out 2>/dev/null
jq_ok out 'length == 2 and all(.task.id) and (map(.text) == ["hello","world"])' \
    "--prompt-field text: the rows are submitted"
mj-submit -n -f lines items.csv > out 2>/dev/null
jq_ok out 'map(.prompt) == ["text,sku","hello,S1","world,S2"]' "-f lines: every line a prompt"
sim_stop
done_testing
