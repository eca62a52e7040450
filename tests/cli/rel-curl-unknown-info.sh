#!/bin/bash
# libcurl cannot tell a reply's details (Retry-After, the proxy's CONNECT
# status, Content-Length, Content-Type, a redirect's target): the
# pipeline still pays each prompt once and gets its files; a download
# whose type is unknown is refused, as a missing Content-Type is; a
# redirect whose target is unknown is not followed.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/rel-curl-lib.sh"
sim_start --duration 0.2 --capacity 100 --retry-after 1 \
    --fault-first submit:429:1
prompts info 2
unknown=getinfo=RETRY_AFTER:1+,getinfo=HTTP_CONNECTCODE:1+
unknown=$unknown,getinfo=CONTENT_LENGTH_DOWNLOAD_T:1+

failing "$unknown,getinfo=CONTENT_TYPE:1+" mj-submit -j 1 prompts.txt \
    > tasks.jsonl 2> err
is "$?" 0 "Retry-After, CONNECT, length, type unknown: mj-submit status 0"
is "$(sim_stats | jq '.faults["submit:429"]')" 1 "... after a 429, retried"
sim_stats > stats.json
one_task_each tasks.jsonl stats.json "... every prompt submitted once"
failing "$unknown,getinfo=CONTENT_TYPE:1+" mj-wait -i 100ms tasks.jsonl \
    > done.jsonl 2> err
is "$?" 0 "... mj-wait status 0"
failing "$unknown" mj-fetch -d out done.jsonl > files.jsonl 2> err
is "$?" 0 "... length unknown: mj-fetch status 0"
jq_ok files.jsonl 'all(.files | length == 1) and (map(.error) | all(not))' \
    "... every file fetched"
is "$(find out -type f | wc -l)" 2 "... two files on disk"

failing getinfo=CONTENT_TYPE:1+ mj-fetch -d out2 done.jsonl \
    > files2.jsonl 2> err
is "$?" 1 "the type unknown: mj-fetch status 1"
m="not an image or video (Content-Type missing)"
jq_ok files2.jsonl "all(.error.message | endswith(\"$m\"))" \
    "... each download refused, saying why"
is "$(find out2 -type f 2> /dev/null | wc -l)" 0 "... no file left"

# a redirect to itself, its target unknown: not followed
"$PYTHON3" "$top_srcdir/tests/cli/hostile.py" --port-file hport \
    --log hostile.log &
_sim_pids="$_sim_pids $!"
wait_until 10 test -s hport || { echo "Bail out! hostile server"; exit 1; }
echo '{"task":{"id":"7"}}' | failing getinfo=REDIRECT_URL:1+ mj-wait -v \
    --no-list --base-url "http://127.0.0.1:$(cat hport)/loop" -i 100ms \
    --timeout 1s > out.jsonl 2> err
is "$?" 1 "a redirect's target unknown: status 1 (timed out)"
is "$(grep -c 'redirected to' err)" 0 "... the redirect not followed"
ok "... the poll tried again later" grep -q 'HTTP 302; trying again' err
done_testing
