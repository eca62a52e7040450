#!/bin/bash
# mj-submit checks what a server would refuse before paying for the
# request (issue 26, api.md 7b and 8): a state over 255 UTF-16 code
# units, a notifyHook over 2000, a blend of fewer than 2 or more than 5
# images: an input error record naming the limit, nothing sent.  The
# state mjpipe itself sends stays well under the limit.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 50
cp "$top_srcdir/samples/reference.png" a.png
cp a.png b.png
requests() { sim_stats | jq '.requests | add'; }

n0=$(requests)
long=$(printf 'x%.0s' $(seq 1 300))
echo 'a cat' | mj-submit --state "$long" > out 2> err
is "$?" 1 "a 300-character state: status 1"
jq_ok out '.[0].error | .stage == "input" and .line == 1 and
    .message == "state is 300 characters (UTF-16 code units), over the server'"'"'s limit of 255; nothing was sent"' \
    "... an input error naming the limit"
is "$(requests)" "$n0" "... and nothing was sent"
# counted as the server counts: an emoji is two UTF-16 code units
emoji=$(printf '\xf0\x9f\x98\x80%.0s' $(seq 1 128))
printf '{"prompt":"a dog","state":"%s"}\n' "$emoji" | mj-submit > out 2>/dev/null
jq_ok out '.[0].error.message | startswith("state is 256 characters")' \
    "a row's own state of 128 emoji is 256 UTF-16 units: refused"
is "$(requests)" "$n0" "... nothing sent"
printf '{"prompt":"a dog","state":"%s"}\n' "${long:0:255}" | mj-submit > out 2>/dev/null
jq_ok out '.[0].task.id | length > 0' "a state of exactly 255 is sent"

n0=$(requests)
hook="http://127.0.0.1:9/$(printf 'h%.0s' $(seq 1 2000))"
echo 'a cat' | mj-submit --notify-hook "$hook" > out 2>/dev/null
jq_ok out '.[0].error | .stage == "input" and (.message | startswith("notifyHook is 2019 characters")) and
    (.message | test("limit of 2000"))' "a notifyHook over 2000: an input error naming the limit"
is "$(requests)" "$n0" "... nothing sent"

# a row's own images: a 1-image blend is that row's input error
img="data:image/png;base64,$(base64 -w0 a.png)"
printf '{"base64Array":["%s"]}\n{"base64Array":["%s","%s"]}\n' "$img" "$img" "$img" |
    mj-submit --blend > out 2>/dev/null
is "$?" 1 "a row's 1-image blend: status 1"
jq_ok out '.[0].error | .stage == "input" and .line == 1 and
    .message == "a blend takes 2 to 5 images (the server'"'"'s limit), got 1; nothing was sent"' \
    "... an input error naming the limit"
jq_ok out '.[1].task.id | length > 0' "... and the next row, of 2 images, is sent"
is "$(sim_stats | jq '.requests["POST /mj/submit/blend"] // 0')" 1 "... only that one reached the server"
# --image given once: the options are wrong, nothing is read or sent
n0=$(requests)
echo '{}' | mj-submit --blend --image a.png > out 2> err
is "$?" 2 "--blend with one --image: a usage error, status 2"
ok "... saying so" grep -q -- '--blend: 2 to 5 --image, got 1' err
is "$(requests)" "$n0" "... nothing sent"

# the state mjpipe sends with --journal: 39 characters, well under 255
echo 'a tagged cat' | mj-submit --journal j.journal > out 2>/dev/null
id=$(jq -r .task.id out)
state=$(sim_get "/_sim/task/$id" | jq -r .state)
ok "the state mjpipe sends is its own tag (mjpipe- and 32 hex digits)" \
    grep -qE '^mjpipe-[0-9a-f]{32}$' <<< "$state"
is "${#state}" 39 "... 39 characters, well under the 255 allowed"
done_testing
