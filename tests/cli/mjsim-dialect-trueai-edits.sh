#!/bin/bash
# The simulator as trueai-org's server: edits (and its alias edit) and
# retexture: their required fields, the tasks they make (EDIT with its
# baseImageUrl, RETEXTURE with --dref), the body kept as sent.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 --image-urls
is "$(code_of "$(sim_api POST /mj/submit/edits '{"prompt":" ","image":"http://x/a.png"}')")" 4 "edits: a blank prompt is code 4"
is "$(code_of "$(sim_api POST /mj/submit/retexture '{"prompt":"p"}')")" 4 "retexture: no image is code 4"
e=$(sim_api POST /mj/submit/edits '{"prompt":"make it blue","image":"http://x/a.png","state":"e1"}' | jq -r .result)
e2=$(sim_api POST /mj/submit/edit '{"prompt":"alias","image":"iVBORw0KGgo="}' | jq -r .result)
rt=$(sim_api POST /mj/submit/retexture '{"prompt":"in wood","image":"http://x/b.png"}' | jq -r .result)
ok "edit, its alias and retexture finish" wait_until 10 sh -c \
    "curl -s -H 'Authorization: Bearer test-key' -d '{\"ids\":[\"$e\",\"$e2\",\"$rt\"]}' $SIM_URL/mj/task/list-by-condition | jq -e 'length == 3 and all(.status == \"SUCCESS\")'"
is "$(sim_api GET /mj/task/$e/fetch | jq -c '[.action, .baseImageUrl, .description, .state]')" \
    '["EDIT","http://x/a.png","/edit make it blue","e1"]' "an edit: action EDIT, baseImageUrl the image"
is "$(sim_get /_sim/task/$e2 | jq -r '.request.image')" "iVBORw0KGgo=" "... the body as sent is kept"
is "$(sim_api GET /mj/task/$rt/fetch | jq -c '[.action, .prompt, .baseImageUrl]')" \
    '["RETEXTURE","in wood --dref http://x/b.png","http://x/b.png"]' "a retexture: the prompt gets --dref"
sim_stop
done_testing
