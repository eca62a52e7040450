#!/bin/bash
# mj-submit: follow-ups of finished tasks by button name, after the
# customIds changed; a missing button; the modal flow; blend, describe
# and video.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20

printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS" and (.[0].task.buttons | length) >= 9' "a finished grid to act on"
pid=$(jq -r .task.id grid.jsonl)
# another fetch makes the record's customIds stale (the simulator changes them)
sim_api GET "/mj/task/$pid/fetch" > /dev/null

mj-submit --action 'upscale,V2,reroll' < grid.jsonl > fu.jsonl 2> err
is "$?" 0 "upscale, V2 and reroll of one grid"
jq_ok fu.jsonl 'length == 6 and all(.task.id != null)' "one record per follow-up (U1..U4, V2, reroll)"
jq_ok fu.jsonl 'map(.parent.button) | sort == ["U1","U2","U3","U4","V2","reroll"]' "each names its button in parent"
jq_ok fu.jsonl "all(.parent.id == \"$pid\" and .parent.action == \"IMAGINE\" and .sku == \"B1\")" \
    "parent id and action; the input's fields kept"
is "$(sim_stats | jq "[.actions | to_entries[] | select(.key | startswith(\"$pid \"))] | map(.value) | (length == 6 and all(. == 1))")" \
    true "each follow-up created once, with the fresh customId after a stale refusal"
ok "the stale customId made a refetch of the parent" test "$(sim_stats | jq '.requests["GET /mj/task/fetch"] // 0')" -ge 2

# a button the task lacks: an error naming those it has
mj-submit --action 'U9' < grid.jsonl > out 2> err
is "$?" 1 "a missing button makes the status 1"
jq_ok out '.[0].error.stage == "submit" and (.[0].error.message | test("U9") and test("U1, U2"))' \
    "the error names the buttons the task has"

# upscaled task's buttons, then the modal flow: Custom Zoom -> MODAL -> modal
jq -c 'select(.parent.button == "U1")' fu.jsonl | mj-wait -i 200ms > up.jsonl 2>/dev/null
jq_ok up.jsonl '.[0].task.action == "UPSCALE" and .[0].task.status == "SUCCESS"' "an upscaled task"
mj-submit --action 'Zoom Out 2x,Pan Left,Upscale (Subtle),Vary (Strong)' < up.jsonl > z.jsonl 2> err
is "$?" 0 "an upscaled task's buttons by label"
jq_ok z.jsonl 'length == 4 and all(.task.id != null)' "... four follow-ups"
mj-submit --action 'Custom Zoom' < up.jsonl > cz.jsonl 2> err
jq_ok cz.jsonl '.[0].submit.code == 21 and .[0].task.status == "MODAL"' "Custom Zoom answers 21: a task in MODAL"
mj-wait -i 200ms < cz.jsonl > czw.jsonl 2>/dev/null
jq_ok czw.jsonl '.[0].task.status == "MODAL"' "mj-wait stops at MODAL"
mj-submit --modal-prompt 'a paper boat --zoom 2' < czw.jsonl > m.jsonl 2> err
is "$?" 0 "--modal-prompt completes it"
jq_ok m.jsonl '.[0].submit.endpoint == "/mj/submit/modal"' "... through /mj/submit/modal"
mid=$(jq -r .task.id m.jsonl)
is "$(sim_get "/_sim/task/$mid" | jq -r .modal.prompt)" "a paper boat --zoom 2" "... with the prompt"
mj-wait -i 200ms < m.jsonl > mw.jsonl 2>/dev/null
jq_ok mw.jsonl '.[0].task.status == "SUCCESS"' "the modal task then runs to SUCCESS"

# blend, describe, video
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > a.png; cp a.png b.png
echo '{"job":"blend"}' | mj-submit --blend --image a.png --image b.png --dimensions landscape > bl.jsonl 2> err
is "$?" 0 "--blend of two images"
bid=$(jq -r .task.id bl.jsonl)
is "$(sim_get "/_sim/task/$bid" | jq -c '.request | [(.base64Array | length), .dimensions]')" '[2,"LANDSCAPE"]' \
    "... sends both images and the dimensions"
echo '{}' | mj-submit --blend --image a.png > out 2> err
is "$?" 2 "--blend with one image is a usage error"
echo '{"job":"describe"}' | mj-submit --describe --image a.png | mj-wait -i 200ms > de.jsonl 2>/dev/null
jq_ok de.jsonl '.[0].task.action == "DESCRIBE" and .[0].task.status == "SUCCESS" and (.[0].task.prompt | length > 0)' \
    "--describe: a task whose prompt texts come back"
mj-submit --video --motion high < up.jsonl > vi.jsonl 2> err
is "$?" 0 "--video from a finished task's image"
vid=$(jq -r .task.id vi.jsonl)
is "$(sim_get "/_sim/task/$vid" | jq -c '.request | [.motion, (.image | startswith("http"))]')" '["high",true]' \
    "... sends the image and the motion"
mj-wait -i 200ms < vi.jsonl > viw.jsonl 2>/dev/null
jq_ok viw.jsonl '.[0].task.videoUrl | length > 0' "... and the video task ends with a videoUrl"
done_testing
