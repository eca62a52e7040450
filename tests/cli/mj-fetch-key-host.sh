#!/bin/bash
# mj-fetch and the API key: sent to the API host (same scheme, host, port)
# and never elsewhere, and not needed at all to fetch.  Each case on a
# simulator of its own.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --image-host localhost --image-auth
echo '{"prompt":"elsewhere"}' | mj-submit | mj-wait -i 200ms > tasks2
jq_ok tasks2 '.[0].task.imageUrl | startswith("http://localhost:")' "image on another host name"
run_prog mj-fetch -d o2 < tasks2 > out6 2> err
is "$?" 1 "an image host that wants a key we may not send: status 1"
is "$(sim_stats | jq .image_requests_with_auth)" 0 "the key is not sent to another host"
jq_ok out6 '.[0].error.http == 401 and .[0].error.stage == "fetch" and .[0].error.retryable == false and .[0].files == []' \
    "... the record says HTTP 401, not retryable"
ok "... and stderr names the line" grep -q '^mj-fetch: line 1: http://localhost:.*HTTP 401' err
sim_stop
sim_start --duration 0.2 --jitter 0 --image-auth
echo '{"prompt":"at home"}' | mj-submit | mj-wait -i 200ms > tasks3
run_prog mj-fetch -d o3 < tasks3 > out7 2> err
is "$?" 0 "an image on the API host gets the key"
is "$(sim_stats | jq .image_requests_with_auth)" 1 "... exactly once"
sim_stop
sim_start --duration 0.2 --jitter 0
echo '{"prompt":"no key"}' | mj-submit | mj-wait -i 200ms > tasks4
env -u MJ_API_KEY mj-fetch -d o4 < tasks4 > out8 2> err
is "$?" 0 "no API key needed"
jq_ok out8 '.[0].files | length == 1' "... and the file is fetched"
is "$(sim_stats | jq .image_requests_with_auth)" 0 "... without any key"
done_testing
