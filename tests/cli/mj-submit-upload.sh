#!/bin/bash
# mj-submit --upload: a local reference image is uploaded once and its link
# goes into every prompt; the link is journaled (a rerun uploads nothing
# while it is young, and an old link is uploaded again without submitting
# anything twice); without the endpoint, one warning and base64.  And
# --shorten.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 100 --queue 1000
stat() { sim_stats | jq "$1"; }
# a 300 KiB PNG: the signature, then bytes
{ printf '\211PNG\r\n\032\n'; head -c 307200 /dev/urandom; } > ref.png
seq 1 40 | sed 's/^/a boat, take /' > rows.txt

mj-submit -j 8 --upload --image ref.png --journal u.journal < rows.txt > up.jsonl 2> err
is "$?" 0 "--upload over 40 rows"
jq_ok up.jsonl 'length == 40 and all(.task.id != null)' "... 40 tasks"
is "$(stat '.uploads'):$(stat '.requests["POST /mj/submit/upload-discord-images"]')" 1:1 \
    "the image was uploaded once, in one request"
url=$(grep '^U ' u.journal | cut -d' ' -f4)
ok "... and its link journaled" test -n "$url"
bad=0
for id in $(jq -r .task.id up.jsonl); do
	sim_get "/_sim/task/$id" | jq -e --arg u "$url" \
	    '(.request.prompt | startswith($u + " a boat")) and .request.base64Array == null' \
	    > /dev/null || bad=$((bad + 1))
done
is "$bad" 0 "every prompt starts with the link; no base64 in any body"
ok "the 40 bodies together are smaller than one image" \
    test "$(stat '.bytes_in["POST /mj/submit/imagine"]')" -lt 307200
ok "... the upload carried it" test "$(stat '.bytes_in["POST /mj/submit/upload-discord-images"]')" -gt 409600

mj-submit -j 8 --upload --image ref.png --journal u.journal < rows.txt > up2.jsonl 2> err
is "$?" 0 "the rerun"
jq_ok up2.jsonl 'length == 40 and all(.submit.resumed)' "... resumes every task"
is "$(stat '.uploads'):$(stat '.kinds.imagine')" 1:40 "... uploads nothing, submits nothing"

# a link older than 6 hours is uploaded again; the tasks are still found
sed -i 's/^U \([0-9a-f]*\) [0-9]* /U \1 1700000000 /' u.journal
mj-submit -j 8 --upload --image ref.png --journal u.journal < rows.txt > up3.jsonl 2> err
jq_ok up3.jsonl 'length == 40 and all(.submit.resumed)' "an old link: every task still resumed"
is "$(stat '.uploads'):$(stat '.kinds.imagine')" 2:40 "... the image uploaded again, nothing submitted twice"

# the same file twice, a URL beside it: one upload, links in order
mj-submit --upload --image ref.png --image https://cdn.example/b.png --image ref.png \
    <<< 'two refs' > two.jsonl 2> err
id=$(jq -r .task.id two.jsonl)
is "$(sim_get "/_sim/task/$id" | jq -r '.request.prompt | split(" ") | map(if startswith("http://127.0.0.1") then "up" else . end) | join(" ")')" \
    "up https://cdn.example/b.png up two refs" "the same file twice: one link, the URL kept, in order"
is "$(stat '.uploads')" 3 "... one upload for it"

# describe and video take the link too; blend cannot
mj-submit --describe --upload --image ref.png <<< '{}' > de.jsonl 2> err
id=$(jq -r .task.id de.jsonl)
is "$(sim_get "/_sim/task/$id" | jq -c '.request | [(.link | startswith("http")), .base64]')" '[true,null]' \
    "--describe sends the link"
echo '{}' | mj-submit --blend --upload --image ref.png --image ref.png > /dev/null 2> err
is "$?" 2 "--blend --upload: a usage error"

# -n: the token shows where the link goes, nothing is sent
n0=$(stat '.requests | add')
mj-submit -n --upload --image ref.png <<< 'dry' > dry.jsonl 2> err
jq_ok dry.jsonl '(.[0].submit.body.prompt | test("^mjpipe-upload:[0-9a-f]{64} dry$")) and .[0].submit.body.base64Array == null' \
    "-n: the prompt shows where the link goes"
is "$(stat '.requests | add')" "$n0" "... and nothing was sent"

# no endpoint: one warning, then base64 in each body
sim_start --duration 0.2 --capacity 20 --no-upload
seq 1 5 | sed 's/^/no upload /' | mj-submit --upload --image ref.png > nu.jsonl 2> err
is "$?" 0 "no upload endpoint: the run succeeds"
is "$(grep -c 'has no /mj/submit/upload-discord-images' err)" 1 "... said once"
id=$(jq -r .task.id nu.jsonl | head -1)
is "$(sim_get "/_sim/task/$id" | jq -c '.request | [(.base64Array[0] | startswith("data:image/png;base64,")), (.prompt | test("^no upload [1-5]$"))]')" \
    '[true,true]' "... the image sent as base64, the prompt as it was"
is "$(stat '.kinds.imagine')" 5 "... every row submitted"

# an upload that fails (not for want of the endpoint): every record is
# read and written out, not submitted and retryable, with one message
sim_stop
sim_start --duration 0.2 --capacity 20 --fault-every submit:500:1
seq 1 6 | sed 's/^/upload fails /' | mj-submit --upload --image ref.png > uf.jsonl 2> err
is "$?" 1 "a failed upload: exit status 1"
jq_ok uf.jsonl 'length == 6 and all(.error.retryable == true and .task == null and (.error.message | startswith("not submitted: ")))' \
    "... every record written out, not submitted, retryable"
is "$(grep -c 'nothing is submitted' err)" 1 "... one message for them all"
is "$(sim_stats | jq '[.requests | to_entries[] | select(.key | startswith("POST /mj/submit/imagine")) | .value] | add // 0')" 0 \
    "... and no prompt sent"
sim_stop
sim_start --duration 0.2 --capacity 20

# --shorten
echo 'a paper boat floating on calm water at sunrise, soft light, many words' |
    mj-submit --shorten | mj-wait -i 200ms > sh.jsonl 2> err
jq_ok sh.jsonl '.[0].submit.endpoint == "/mj/submit/shorten" and .[0].task.action == "SHORTEN" and .[0].task.status == "SUCCESS"' \
    "--shorten: a SHORTEN task"
jq_ok sh.jsonl '.[0].task.properties.finalPrompt | split("\n\n") | length == 5' \
    "... the shortened prompts in the record as the task gives them"
echo x | mj-submit --shorten --describe > /dev/null 2> err
is "$?" 2 "--shorten with --describe: a usage error"
done_testing
