#!/bin/bash
# mj-submit reads JSON-lines: unknown fields, big numbers, nested values
# and nulls pass through unchanged, blank lines are skipped, a bad line is
# an error record with its number and raw text (status 1).
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20
# JSON-lines: unknown fields pass through, a bad line is an error record
printf '{"prompt":"jl one","id_ext":12345678901234567890,"nested":{"a":[1,2]}}\n{"prompt": broken\n\n{"prompt":"jl two","x":null}\n' > in.jsonl
mj-submit < in.jsonl > out 2> err; rc=$?
is "$rc" 1 "jsonl: a bad line makes the status 1"
jq_ok out 'length == 3' "jsonl: blank lines skipped, one record per line"
ok "jsonl: big numbers and nested values unchanged" grep -q '"id_ext":12345678901234567890,"nested":{"a":\[1,2\]}' out
jq_ok out 'map(select(.error)) | .[0].error.line == 2 and .[0].input == "{\"prompt\": broken"' \
    "jsonl: the bad line's number and raw text"
jq_ok out 'map(select(.prompt == "jl two"))[0] | has("x") and .x == null and .task.id != null' \
    "jsonl: null fields kept"
done_testing
