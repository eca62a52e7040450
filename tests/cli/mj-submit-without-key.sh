#!/bin/bash
# mj-submit without an API key: --dry-run needs none and sends nothing,
# printing the request it would send; a real run is a usage error (status
# 2) with a message saying how to set the key, and nothing on stdout.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20
before=$(sim_stats | jq '.requests | add')
printf 'prompt,k\nhello,1\n' | env -u MJ_API_KEY mj-submit -n --bot niji > out 2> err
is "$?" 0 "--dry-run needs no key"
jq_ok out '.[0].submit == {"dryRun":true,"endpoint":"/mj/submit/imagine","body":{"prompt":"hello","botType":"NIJI_JOURNEY"}} and .[0].k == "1"' \
    "--dry-run prints the request it would send"
is "$(sim_stats | jq '.requests | add')" "$before" "--dry-run sends nothing"
echo x | env -u MJ_API_KEY mj-submit > out 2> err
is "$?" 2 "no key: status 2"
ok "... with a message saying how to set it" grep -q 'MJ_API_KEY' err
is "$(wc -c < out | tr -d ' ')" 0 "... and nothing on stdout"
done_testing
