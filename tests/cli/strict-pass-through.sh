#!/bin/bash
# Strict JSON: records mj-fetch and mj-wait pass on untouched are what was
# read (a lone surrogate as U+FFFD): jq 1.6 reads them back.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
printf '%s\n' '{"a":"x\ud800"}' '{"b":"\u00e9 \/"}' > pass.jsonl
mj-fetch pass.jsonl > out 2>/dev/null
is "$?" 0 "mj-fetch: records with nothing to fetch: status 0"
is "$(cat out)" "$(printf '{"a":"x\357\277\275"}\n{"b":"\\u00e9 \\/"}')" \
    "... passed on as they came, but a lone surrogate as U+FFFD"
ok "... which jq reads back" jq -c . out
MJ_API_KEY=k mj-wait pass.jsonl > out 2>/dev/null
is "$(cat out)" "$(printf '{"a":"x\357\277\275"}\n{"b":"\303\251 /"}')" "mj-wait: the same"
sim_stop
done_testing
