#!/bin/bash
# Strict JSON at the input: what RFC 8259 forbids is an input error record
# with the raw line, nothing submitted, a message saying what and where.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
printf '%s\n' '{"prompt":"p","v":-2.}' '{"prompt":"p","v":2.e3}' '{"prompt":"p","v":0.e1}' \
    '{"prompt":"p","v":-.123}' '{"prompt":"p","v":1.}' '{"prompt":"p","v":-01}' \
    "{'prompt':'p'}" "$(printf '{"prompt":"a\tb"}')" '{"prompt":"p","v":NaN}' \
    '{"prompt":"p","v":+1}' '{"prompt":"p",}' '{"prompt":"p","v":"\x41"}' \
    '{"prompt":"p","v":True}' '{"prompt":"p"} x' > bad.jsonl
mj-submit -n -f jsonl bad.jsonl > out 2> err
is "$?" 1 "lines RFC 8259 forbids: status 1"
jq_ok out 'length == 14 and all(.error.stage == "input" and (.input | length > 0) and (has("submit") | not))' \
    "each one an input error record with the raw line, nothing submitted"
jq_ok out '[.[].error.message] | (.[0] | test("a number needs a digit after .\\.. at byte 19")) and
    (.[5] | test("leading zeros")) and (.[6] | test("double quotes")) and
    (.[7] | test("raw control character \\(U\\+0009\\)")) and (.[8] | test("NaN"))' \
    "... whose messages say what is wrong, and where"
is "$(grep -c '^mj-submit: line [0-9]*: not a JSON object: ' err)" 14 "... and a message on stderr for each"
sim_stop
done_testing
