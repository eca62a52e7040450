#!/bin/bash
# mj-submit --describe --language (api.md 7b: trueai's zh translates the
# prompts it gives): the language sent with the link; --language without
# --describe is a usage error.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's routes

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo x | mj-submit --describe --image http://img.example/p.png --language zh \
    > out 2> err
is "$?" 0 "--describe --language zh"
is "$(request "$(jq -r .task.id out)" | jq -c '{link, language}')" \
    '{"link":"http://img.example/p.png","language":"zh"}' \
    "... sends the language"
echo x | mj-submit --language zh > out 2> err
is "$?" 2 "--language without --describe: a usage error"
sim_stop
done_testing
