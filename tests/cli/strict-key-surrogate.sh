#!/bin/bash
# Strict JSON: a key holding a lone surrogate is refused rather than
# changed: an input error that says so.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
echo '{"prompt":"p","\udc00x":1}' | mj-submit -n -f jsonl > out 2>/dev/null
jq_ok out '.[0].error | .stage == "input" and (.message | test("a key holds a lone surrogate \\(\\\\udc00\\)"))' \
    "a key holding a lone surrogate: an input error that says so"
sim_stop
done_testing
