#!/bin/bash
# -f auto: a second file with a CSV header without a prompt column: status
# 2, the first file's record still out with its task, the file named once.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
printf 'text,sku\nhello,S1\nworld,S2\n' > items.csv
printf 'a red boat\n' > first.txt
mj-submit first.txt items.csv > out 2> err
is "$?" 2 "auto: a second file with such a header: status 2"
jq_ok out 'length == 1 and .[0].prompt == "a red boat" and .[0].task.id' \
    "... the first file's record still comes out, with its task"
is "$(grep -c 'columns: text, sku' err)" 1 "... the second file named once"
sim_stop
done_testing
