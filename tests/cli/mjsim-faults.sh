#!/bin/bash
# Each fault kind, by schedule and at run time through /_sim/faults.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --fault-first submit:500:1 --retry-after 2
code() { curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer test-key' "$@"; }
is "$(code -d '{"prompt":"a"}' $SIM_URL/mj/submit/imagine)" 500 "the first submission gets 500"
is "$(code -d '{"prompt":"a"}' $SIM_URL/mj/submit/imagine)" 200 "the next one passes"
fault() { sim_post /_sim/faults "{\"faults\":[{\"class\":\"$1\",\"kind\":\"$2\",\"first\":1}]}" >/dev/null; }
fault submit 429
curl -s -D hdr -o /dev/null -H 'Authorization: Bearer test-key' -d '{"prompt":"b"}' $SIM_URL/mj/submit/imagine
ok "429 with Retry-After" grep -qi '^retry-after: 2' hdr
fault submit 502
is "$(code -d '{"prompt":"c"}' $SIM_URL/mj/submit/imagine)" 502 "502 on demand"
fault submit reset
curl -s -H 'Authorization: Bearer test-key' -d '{"prompt":"reset me"}' $SIM_URL/mj/submit/imagine >/dev/null
is "$?$(sim_stats | jq -r '.submissions["reset me"] // 0')" "520" "reset: connection dropped, nothing created"
fault submit lost
curl -s -H 'Authorization: Bearer test-key' -d '{"prompt":"lost reply"}' $SIM_URL/mj/submit/imagine >/dev/null
is "$?$(sim_stats | jq -r '.submissions["lost reply"] // 0')" "521" "lost: connection dropped, but the task exists"
fault submit truncated
curl -s -H 'Authorization: Bearer test-key' -d '{"prompt":"cut"}' $SIM_URL/mj/submit/imagine >/dev/null
is "$?" 18 "truncated: curl sees a partial body"
fault submit invalid
ok "invalid: 200 with a body that is not JSON" sh -c "! curl -s -H 'Authorization: Bearer test-key' -d '{\"prompt\":\"inv\"}' $SIM_URL/mj/submit/imagine | jq . >/dev/null 2>&1"
id=$(sim_api POST /mj/submit/imagine '{"prompt":"img"}' | jq -r .result)
wait_until 5 sh -c "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$id/fetch | jq -e '.status == \"SUCCESS\"'"
fault image wrongtype
is "$(curl -s -o /dev/null -w '%{content_type}' $SIM_URL/mj/image/$id)" text/html "wrongtype: an image served as text/html"
fault poll slow
sim_post /_sim/faults '{"faults":[{"class":"poll","kind":"slow","first":1}]}' >/dev/null
t=$(curl -s -o /dev/null -w '%{time_total}' -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$id/fetch)
ok "slow: the reply waits (${t}s)" awk "BEGIN { exit !($t >= 2.5) }"
sim_post /_sim/faults '{"faults":[{"class":"poll","kind":"503","rate":1.0}]}' >/dev/null
is "$(code $SIM_URL/mj/task/$id/fetch)" 503 "rate 1.0 always fires"
sim_post /_sim/faults '{"faults":[]}' >/dev/null
is "$(code $SIM_URL/mj/task/$id/fetch)" 200 "an empty set clears the faults"
ok "stats count the faults" sh -c "curl -s $SIM_URL/_sim/stats | jq -e '.faults[\"submit:lost\"] == 1 and .faults[\"submit:reset\"] == 1'"
done_testing
