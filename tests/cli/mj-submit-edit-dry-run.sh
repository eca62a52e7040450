#!/bin/bash
# mj-submit -n --edit: the record shows the request that would be sent
# (endpoint and body).
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's routes

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'dry' | mj-submit -n --edit --image http://img.example/d.png > out 2> err
jq_ok out '.[0].submit == {"dryRun": true, "endpoint": "/mj/submit/edits",
    "body": {"prompt": "dry", "image": "http://img.example/d.png"}}' \
    "-n shows the edit's request"
sim_stop
done_testing
