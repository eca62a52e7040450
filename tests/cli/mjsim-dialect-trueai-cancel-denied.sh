#!/bin/bash
# The simulator as trueai-org's server with --cancel denied: HTTP 400
# text/plain 演示模式，禁止操作, the task goes on; --stuck-progress 0 holds
# it SUBMITTED.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --cancel denied --stuck w --stuck-progress 0
s=$(sim_api POST /mj/submit/imagine '{"prompt":"w"}' | jq -r .result)
is "$(curl -s -o body -w '%{http_code} %{content_type}' -H 'Authorization: Bearer test-key' -X POST "$SIM_URL/mj/task/$s/cancel") $(cat body)" \
    "400 text/plain; charset=utf-8 演示模式，禁止操作" "--cancel denied: 400 text/plain 演示模式，禁止操作"
sleep 1
is "$(sim_api GET /mj/task/$s/fetch | jq -r '.status + " " + .progress')" "SUBMITTED 0%" \
    "... the task goes on; --stuck-progress 0 stays SUBMITTED"
sim_stop
done_testing
