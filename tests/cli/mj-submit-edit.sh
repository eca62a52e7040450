#!/bin/bash
# mj-submit --edit and --retexture (api.md 7b): an image and a prompt sent
# to /mj/submit/edits and /mj/submit/retexture, the image from --image
# (a file as a data URI, or a URL), an 'image' field, or a finished task's
# image; each created once.  Also describe's --language.
. "$top_srcdir/tests/cli/lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's routes
printf '\211PNG\r\n\032\n\0\0\0\rIHDRedit' > ref.png
uri="data:image/png;base64,$(base64 -w0 ref.png)"
request() { sim_get "/_sim/task/$1" | jq -c .request; }
created() { sim_stats | jq -r '.tasks_created'; }

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo 'a red hat' | mj-submit --edit --image ref.png > out 2> err
is "$?" 0 "--edit with an image file"
jq_ok out '.[0].submit.endpoint == "/mj/submit/edits" and .[0].task.id != null' \
    "... sent to /mj/submit/edits"
id=$(jq -r .task.id out)
is "$(request "$id")" "$(jq -cn --arg u "$uri" '{prompt: "a red hat", image: $u}')" \
    "... the body: the prompt and the image as a data URI, nothing else"
is "$(sim_get "/_sim/task/$id" | jq -r '.action + " " + .baseImageUrl[0:4]')" \
    "EDIT http" "... an EDIT task of that image"

echo 'velvet' | mj-submit --retexture --image http://img.example/a.png \
    --state s1 > out 2> err
is "$?" 0 "--retexture with an image URL"
id=$(jq -r .task.id out)
is "$(request "$id")" \
    '{"prompt":"velvet","image":"http://img.example/a.png","state":"s1"}' \
    "... the body: prompt, the URL as given, and the state"
is "$(sim_get "/_sim/task/$id" | jq -r .action)" RETEXTURE \
    "... a RETEXTURE task"

printf '%s\n' '{"prompt":"from a field","image":"http://img.example/f.png"}' |
    mj-submit --edit > out 2> err
is "$?" 0 "--edit with the image in an 'image' field"
is "$(request "$(jq -r .task.id out)")" \
    '{"prompt":"from a field","image":"http://img.example/f.png"}' \
    "... sent as given"

echo 'a grid to edit' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
img=$(jq -r .task.imageUrl grid.jsonl)
mj-submit --edit --template 'the grid, in blue' < grid.jsonl > out 2> err
is "$?" 0 "--edit of a finished task: its image"
is "$(request "$(jq -r .task.id out)")" \
    "$(jq -cn --arg u "$img" '{prompt: "the grid, in blue", image: $u}')" \
    "... the task's imageUrl and the prompt"

n=$(created)
echo 'no image' | mj-submit --edit > out 2> err
is "$?" 1 "--edit without an image: status 1"
jq_ok out '.[0].error.stage == "submit" and (.[0].error.message | test("image"))' \
    "... an error record saying so"
printf '%s\n' '{"prompt":""}' | mj-submit --retexture --image ref.png > out 2> err
is "$?" 1 "--retexture without a prompt: status 1"
jq_ok out '.[0].error.message | test("prompt")' "... an error record saying so"
is "$(created)" "$n" "... neither was sent"

echo 'dry' | mj-submit -n --edit --image http://img.example/d.png > out 2> err
jq_ok out '.[0].submit == {"dryRun": true, "endpoint": "/mj/submit/edits",
    "body": {"prompt": "dry", "image": "http://img.example/d.png"}}' \
    "-n shows the edit's request"
mj-submit --edit --describe < /dev/null > out 2> err
is "$?" 2 "--edit with --describe: a usage error"
mj-submit --edit --retexture < /dev/null > out 2> err
is "$?" 2 "--edit with --retexture: a usage error"

is "$(sim_stats | jq -c '[.submissions["a red hat"], .submissions["velvet"],
    .submissions["from a field"], .submissions["the grid, in blue"]]')" \
    "[1,1,1,1]" "each edit and retexture created once"

# describe's language (trueai's zh translates the prompts it gives)
echo x | mj-submit --describe --image http://img.example/p.png --language zh \
    > out 2> err
is "$?" 0 "--describe --language zh"
is "$(request "$(jq -r .task.id out)" | jq -c '{link, language}')" \
    '{"link":"http://img.example/p.png","language":"zh"}' \
    "... sends the language"
echo x | mj-submit --language zh > out 2> err
is "$?" 2 "--language without --describe: a usage error"
sim_stop
done_testing
