#!/bin/bash
# mj-submit --shorten: a SHORTEN task, its shortened prompts in the
# record; --shorten with --describe a usage error.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20

echo 'a paper boat floating on calm water at sunrise, soft light, many words' |
    mj-submit --shorten | mj-wait -i 200ms > sh.jsonl 2> err
jq_ok sh.jsonl '.[0].submit.endpoint == "/mj/submit/shorten" and .[0].task.action == "SHORTEN" and .[0].task.status == "SUCCESS"' \
    "--shorten: a SHORTEN task"
jq_ok sh.jsonl '.[0].task.properties.finalPrompt | split("\n\n") | length == 5' \
    "... the shortened prompts in the record as the task gives them"
echo x | mj-submit --shorten --describe > /dev/null 2> err
is "$?" 2 "--shorten with --describe: a usage error"
sim_stop
done_testing
