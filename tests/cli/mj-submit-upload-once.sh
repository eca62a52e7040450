#!/bin/bash
# mj-submit --upload: a local reference image is uploaded once and its link
# goes into every prompt; the link is journaled (a rerun uploads nothing
# while it is young, and an old link is uploaded again without submitting
# anything twice).
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
sim_stop
done_testing
