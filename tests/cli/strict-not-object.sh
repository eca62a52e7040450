#!/bin/bash
# Strict JSON: valid JSON that is not an object (a number, a string, an
# array) is a clear message, not "end of input".
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
printf '%s\n' '42' '"text"' '[1]' | mj-submit -n -f jsonl > out 2> err
jq_ok out '[.[].error.message] == ["not a JSON object: the line is a JSON number, not an object",
    "not a JSON object: the line is a JSON string, not an object",
    "not a JSON object: the line is a JSON array, not an object"]' \
    "a bare number, a string, an array: each says what the line is"
sim_stop
done_testing
