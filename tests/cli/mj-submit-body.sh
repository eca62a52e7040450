#!/bin/bash
# mj-submit: every body field of api.md reaches the server, read back
# from the simulator's copy of each request.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20
req() { sim_get "/_sim/task/$1" | jq -c "$2"; }
id_of() { jq -r "select($1) | .task.id" out; }

# a real PNG header and a JPEG header make the MIME types
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > ref.png
printf '\377\330\377\340\0\020JFIF' > ref.jpg
printf 'prompt,row\nboat,r1\n' |
    mj-submit --bot niji --image ref.png --image ref.jpg \
    --image https://cdn.example/ref.webp --mode fast --state 'row-{row}' \
    --notify-hook http://127.0.0.1:9/hook > out 2> err
is "$?" 0 "submitted with every option"
id=$(id_of '.row == "r1"')
is "$(req "$id" .request.botType)" '"NIJI_JOURNEY"' "--bot niji sends botType"
is "$(req "$id" '.request.base64Array | map(split(";")[0])')" '["data:image/png","data:image/jpeg"]' \
    "--image files become data URIs with their MIME types"
is "$(req "$id" '.request.base64Array[0] | split(",")[1] | @base64d | .[1:4]')" '"PNG"' \
    "... holding the file's bytes"
is "$(req "$id" '.request.prompt')" '"https://cdn.example/ref.webp boat"' "--image URL goes first in the prompt"
is "$(req "$id" .request.accountFilter.modes)" '["FAST"]' "--mode sets accountFilter.modes"
is "$(req "$id" .request.state)" '"row-r1"' "--state with a {field} placeholder"
is "$(req "$id" .request.notifyHook)" '"http://127.0.0.1:9/hook"' "--notify-hook"
is "$(req "$id" .state)" '"row-r1"' "the task carries the state back"

# JSON-lines fields of the same names are sent as given
cat > in.jsonl <<'JL'
{"prompt":"own fields","botType":"NIJI_JOURNEY","state":"mine","accountFilter":{"modes":["RELAX"],"remix":true},"base64Array":["data:image/png;base64,AAAA"]}
JL
mj-submit --bot mj --state other < in.jsonl > out 2>/dev/null
id=$(id_of '.prompt == "own fields"')
is "$(req "$id" '.request | [.botType, .state, .accountFilter.modes[0], .accountFilter.remix, .base64Array[0]]')" \
    '["NIJI_JOURNEY","mine","RELAX",true,"data:image/png;base64,AAAA"]' \
    "jsonl fields win over the options and are sent as given"

# the base URL's mode prefix and the mj-api-secret header
sim_stop
sim_start --duration 0.2 --prefix /mj-fast --auth mj-api-secret
echo 'prefixed' | MJ_BASE_URL=$SIM_URL/mj-fast mj-submit --auth mj-api-secret > out 2> err
is "$?" 0 "a mode prefix in the base URL and the mj-api-secret header"
is "$(sim_stats | jq '.submissions.prefixed')" 1 "... reached the server"
echo 'bearer refused' | MJ_BASE_URL=$SIM_URL/mj-fast mj-submit > out 2> err
is "$?" 2 "the wrong auth style: 401 stops the run with status 2"
ok "... saying the key was refused" grep -q 'refused the key (HTTP 401)' err
ok "... the key never printed" sh -c '! grep -q test-key err out'
jq_ok out '.[0].error.http == 401' "... and the record says so"
done_testing
