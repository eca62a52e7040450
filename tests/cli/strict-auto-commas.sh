#!/bin/bash
# -f auto: prompts with commas stay prompts, and a header-like line
# followed by a line with other fields is read as lines.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
printf '%s\n' 'a cat, watercolour, --ar 3:2' 'a dog, oil on canvas, --ar 2:3' | mj-submit > out 2>/dev/null
is "$?" 0 "auto: prompts with commas: status 0"
jq_ok out 'map(.prompt) == ["a cat, watercolour, --ar 3:2","a dog, oil on canvas, --ar 2:3"] and all(.task.id)' \
    "... submitted as the prompts they are"
printf '%s\n' 'cat,dog' 'a red bird' | mj-submit -n > out 2>/dev/null
jq_ok out 'map(.prompt) == ["cat,dog","a red bird"]' \
    "auto: a header-like line, then a line with other fields: lines"
sim_stop
done_testing
