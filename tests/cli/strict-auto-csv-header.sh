#!/bin/bash
# -f auto never pays for a CSV header without a prompt column (status 2,
# nothing sent, one message naming both ways out); --prompt-field and -f
# lines read such a file; prompts with commas stay prompts.
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
printf 'a red boat\n' > first.txt
mj-submit first.txt items.csv > out 2> err
is "$?" 2 "auto: a second file with such a header: status 2"
jq_ok out 'length == 1 and .[0].prompt == "a red boat" and .[0].task.id' \
    "... the first file's record still comes out, with its task"
is "$(grep -c 'columns: text, sku' err)" 1 "... the second file named once"
mj-submit --prompt-field text items.csv > out 2>/dev/null
jq_ok out 'length == 2 and all(.task.id) and (map(.text) == ["hello","world"])' \
    "--prompt-field text: the rows are submitted"
mj-submit -n -f lines items.csv > out 2>/dev/null
jq_ok out 'map(.prompt) == ["text,sku","hello,S1","world,S2"]' "-f lines: every line a prompt"
printf '%s\n' 'a cat, watercolour, --ar 3:2' 'a dog, oil on canvas, --ar 2:3' | mj-submit > out 2>/dev/null
is "$?" 0 "auto: prompts with commas: status 0"
jq_ok out 'map(.prompt) == ["a cat, watercolour, --ar 3:2","a dog, oil on canvas, --ar 2:3"] and all(.task.id)' \
    "... submitted as the prompts they are"
printf '%s\n' 'cat,dog' 'a red bird' | mj-submit -n > out 2>/dev/null
jq_ok out 'map(.prompt) == ["cat,dog","a red bird"]' \
    "auto: a header-like line, then a line with other fields: lines"
sim_stop
done_testing
