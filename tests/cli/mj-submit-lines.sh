#!/bin/bash
# mj-submit reads plain lines (CR stripped); -f forces the format;
# --prompt-field picks the CSV column.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20
# plain lines, CR stripped; -f forces the format
printf 'first line\r\nsecond, with a comma\n' | mj-submit > out 2>/dev/null; rc=$?
is "$rc" 0 "lines: status 0"
jq_ok out 'map(.prompt) == ["first line","second, with a comma"] or map(.prompt) == ["second, with a comma","first line"]' \
    "lines: one prompt per line, CR stripped"
printf 'prompt\nhello\n' | mj-submit -n -f lines > out 2>/dev/null
jq_ok out 'map(.prompt) == ["prompt","hello"]' "-f lines: a header-looking line is a prompt"
printf 'title,style\nboat,ink\n' | mj-submit -n --prompt-field title > out
jq_ok out '.[0].submit.body.prompt == "boat"' "--prompt-field picks the CSV column (auto)"
done_testing
