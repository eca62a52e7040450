#!/bin/bash
# The simulator's dialects (tests/mjsim/mjsim --dialect, api.md 7b), with
# curl straight against it: trueai-org's answers (code 9, success:false,
# 404 parent, 204 fetch, banned words that fail later, {url, thumbnail}
# objects, edits and retexture, video fields and extends, cancel), the old
# novicezk code 21; --stuck, --cancel admin|denied|none, video batches in
# every dialect, and grids in a prompt's --ar shape.
. "$top_srcdir/tests/cli/lib.sh"
SIM_DIALECT_FIXED=1	# each simulator here says its dialect
png="data:image/png;base64,iVBORw0KGgo="
# wait_status ID STATUS: the task reaches STATUS within 10 s
wait_status() {
	wait_until 10 sh -c "curl -s -H 'Authorization: Bearer test-key' \
	    $SIM_URL/mj/task/$1/fetch | jq -e '.status == \"$2\"'"
}
code_of() { echo "$1" | jq -r .code; }
# http METHOD PATH [JSON]: "STATUS BODY" of an authenticated call
http() {
	curl -s --max-time 10 -H 'Authorization: Bearer test-key' \
	    -H 'Content-Type: application/json' -X "$1" ${3:+-d "$3"} \
	    -o body -w '%{http_code}' "$SIM_URL$2"
	printf ' %s' "$(cat body)"
}

# ---- trueai: queue full, limits, state ------------------------------------
sim_start --dialect trueai --capacity 1 --queue 1 --duration 0.3 --jitter 0 \
    --limit-refusal '并发数已达上限' --limit-refusal-count 2
a=$(sim_api POST /mj/submit/imagine '{"prompt":"one sim:dur=4"}')
b=$(sim_api POST /mj/submit/imagine '{"prompt":"two"}')
is "$(code_of "$a") $(code_of "$b")" "1 22" "trueai: run, then queued (22)"
is "$(echo "$b" | jq -r '.description + " " + (.properties.numberOfQueues | tostring)')" \
    "排队中，前面还有0个任务 0" "... 22 says how many are ahead"
c=$(sim_api POST /mj/submit/imagine '{"prompt":"three"}')
is "$(echo "$c" | jq -c '[.code, .description, .result]')" \
    '[9,"提交失败，队列已满，请稍后重试",null]' "queue full on imagine: code 9 (never 23)"
l1=$(sim_api POST /mj/submit/describe "{\"base64\":\"$png\"}")
l2=$(sim_api POST /mj/submit/blend "{\"base64Array\":[\"$png\",\"$png\"]}")
is "$(echo "$l1" "$l2" | jq -s -c 'map([.success, .code, .message])')" \
    '[[false,-1,"并发数已达上限"],[false,-1,"并发数已达上限"]]' \
    "--limit-refusal: the next two non-imagine submissions get success:false"
ok "... with a timestamp" sh -c "echo '$l1' | jq -e '.timestamp | length > 0' >/dev/null"
q=$(sim_api POST /mj/submit/describe "{\"base64\":\"$png\"}")
is "$(echo "$q" | jq -c '[.success, .code, .message]')" '[false,-1,"队列数已达上限"]' \
    "queue full on another route: success:false 队列数已达上限"
is "$(sim_stats | jq -c '[.tasks_created, .limit_refusals]')" "[2,2]" \
    "... none of the refusals created a task"
ok "the queue drains" wait_status "$(echo "$b" | jq -r .result)" SUCCESS
long=$(printf 'é%.0s' $(seq 256))
is "$(code_of "$(sim_api POST /mj/submit/imagine "{\"prompt\":\"p\",\"state\":\"$long\"}")")" 4 \
    "a state of 256 characters on imagine: code 4"
is "$(sim_api POST /mj/submit/shorten "{\"prompt\":\"p\",\"state\":\"$long\"}" | jq -c '[.success, .message]')" \
    '[false,"State参数过长，最大255字符"]' "... on another route: success:false"
st255=$(printf 'x%.0s' $(seq 254))
is "$(code_of "$(sim_api POST /mj/submit/imagine "{\"prompt\":\"p\",\"state\":\"$st255😀\"}")")" 4 \
    "the length counts UTF-16 units (254 + a surrogate pair = 256)"
is "$(code_of "$(sim_api POST /mj/submit/imagine "{\"prompt\":\"p\",\"state\":\"${st255}x\"}")")" 1 \
    "255 is taken"
sim_post /_sim/limit '{"message":"今日绘图次数已达上限","count":1}' > /dev/null
is "$(sim_api POST /mj/submit/shorten '{"prompt":"p"}' | jq -r .message)" "今日绘图次数已达上限" \
    "POST /_sim/limit sets a refusal while running"
sim_stop

# ---- trueai: not found, banned, objects, edits, retexture ------------------
sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20 --image-urls
is "$(http GET /mj/task/404404/fetch)" "204 " "fetch of an unknown id: 204, no body"
is "$(curl -s -D - -o /dev/null -H 'Authorization: Bearer test-key' "$SIM_URL/mj/task/1/fetch" | grep -ci '^content-length')" 0 \
    "... and no Content-Length"
for r in action:'{"taskId":"1","customId":"MJ::JOB::upsample::1::x"}' \
    modal:'{"taskId":"1","prompt":"x"}' \
    video:'{"prompt":"p","action":"extend","index":0,"taskId":"1"}'; do
	is "$(http POST "/mj/submit/${r%%:*}" "${r#*:}" | tr -d ' ')" \
	    '404{"code":3,"description":"关联任务不存在或已失效"}' "${r%%:*} of an unknown parent: 404 with code 3"
done
bn=$(sim_api POST /mj/submit/imagine '{"prompt":"a forbidden thing"}')
is "$(code_of "$bn")" 1 "a banned word is taken (code 1)..."
ok "... and the task fails later with a reason" wait_until 10 sh -c \
    "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$(echo "$bn" | jq -r .result)/fetch | jq -e '.status == \"FAILURE\" and (.failReason | test(\"forbidden\"))'"
g=$(sim_api POST /mj/submit/imagine '{"prompt":"a grid"}' | jq -r .result)
ok "a grid finishes" wait_status "$g" SUCCESS
is "$(sim_api GET /mj/task/$g/fetch | jq -r '.imageUrls | map(has("url") and has("thumbnail")) | all and length == 4')" true \
    "imageUrls are {url, thumbnail} objects"
is "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$(sim_api GET /mj/task/$g/fetch | jq -r '.imageUrls[1].thumbnail')")" \
    "200 image/png" "... whose thumbnails are served"
is "$(sim_api POST /mj/task/list-by-ids "{\"ids\":[\"$g\"]}" | jq -r '.[0].id')" "$g" "list-by-ids lists"
v1=$(sim_api GET /mj/task/$g/fetch | jq -r '.buttons[] | select(.label == "V1") | .customId')
m=$(sim_api POST /mj/submit/action "{\"taskId\":\"$g\",\"customId\":\"$v1\",\"enableRemix\":true}")
is "$(echo "$m" | jq -c '[.code, .description, .properties.finalPrompt, .properties.remix]')" \
    '[21,"Waiting for window confirm","a grid",true]' "code 21: a MODAL task, finalPrompt and remix: true"
is "$(sim_api GET /mj/task/$(echo "$m" | jq -r .result)/fetch | jq -r .status)" MODAL "... in MODAL"
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

# ---- trueai: video fields, batches, extend ---------------------------------
is "$(code_of "$(sim_api POST /mj/submit/video '{"image":"http://x/f.png"}')")" 4 "video: no prompt is code 4 on trueai"
for bad in '"batchSize":3' '"videoType":"vid_9"' '"endImage":"ftp://x"' '"loop":"yes"' '"motion":"wild"'; do
	is "$(code_of "$(sim_api POST /mj/submit/video "{\"prompt\":\"p\",\"image\":\"http://x/f.png\",$bad}")")" 4 \
	    "video: $bad is code 4"
done
v4=$(sim_api POST /mj/submit/video '{"prompt":"waves","image":"http://x/f.png"}' | jq -r .result)
v1=$(sim_api POST /mj/submit/video '{"prompt":"loop","image":"http://x/f.png","motion":"high","loop":true,"endImage":"http://x/e.png","batchSize":1,"videoType":"vid_1.1_i2v_720"}' | jq -r .result)
v2=$(sim_api POST /mj/submit/video '{"prompt":"end","image":"http://x/f.png","endImage":"http://x/e.png","batchSize":2}' | jq -r .result)
ok "three videos finish" wait_until 10 sh -c \
    "curl -s -H 'Authorization: Bearer test-key' -d '{\"ids\":[\"$v4\",\"$v1\",\"$v2\"]}' $SIM_URL/mj/task/list-by-condition | jq -e 'length == 3 and all(.status == \"SUCCESS\")'"
t=$(sim_api GET /mj/task/$v4/fetch)
is "$(echo "$t" | jq -r '[(.videoUrls | length), (.videoUrls | map(has("url") and has("thumbnail")) | all), (.imageUrls | length)] | map(tostring) | join(" ")')" \
    "4 true 4" "batchSize defaults to 4: four {url, thumbnail} videoUrls, four imageUrls"
is "$(echo "$t" | jq -r '[.videoUrl == .videoUrls[0].url, .imageUrl == .videoUrl, .imageUrls[0].url == .videoUrl, (.videoUrls | map(.url) | unique | length)] | map(tostring) | join(" ")')" \
    "true true true 4" "videoUrl and imageUrl are the first; the four links differ"
for u in $(echo "$t" | jq -r '.videoUrls[].url'); do curl -s "$u" | sha256sum; done | sort -u > sums
is "$(wc -l < sums) $(curl -s -o /dev/null -w '%{content_type}' "$(echo "$t" | jq -r '.videoUrls[3].url')")" \
    "4 video/mp4" "... four different mp4 files"
is "$(echo "$t" | jq -r '.properties.finalPrompt')" "http://x/f.png waves --video 1 --motion low" \
    "the final prompt: image, prompt, --video 1, --motion low"
is "$(sim_api GET /mj/task/$v1/fetch | jq -r '[(.videoUrls | length | tostring), .properties.finalPrompt, .videoType] | join(" | ")')" \
    "1 | http://x/f.png loop --video 1 --end loop --motion high --bs 1 | vid_1.1_i2v_720" \
    "batchSize 1, loop (wins over endImage), motion high, HD"
is "$(sim_api GET /mj/task/$v2/fetch | jq -r '[(.videoUrls | length | tostring), .properties.finalPrompt] | join(" | ")')" \
    "2 | http://x/f.png end --video 1 --end http://x/e.png --motion low --bs 2" "batchSize 2 and an end image"
is "$(code_of "$(sim_api POST /mj/submit/video "{\"prompt\":\"p\",\"action\":\"extend\",\"index\":4,\"taskId\":\"$v4\"}")")" 4 \
    "extend: an index past the batch is code 4"
is "$(code_of "$(sim_api POST /mj/submit/video "{\"prompt\":\"p\",\"action\":\"extend\",\"index\":0,\"taskId\":\"$g\"}")")" 4 \
    "extend of a task that is not a video: code 4"
is "$(code_of "$(sim_api POST /mj/submit/video "{\"prompt\":\"p\",\"action\":\"Extend\",\"index\":0,\"taskId\":\"$v4\"}")")" 4 \
    "extend: the action is exactly \"extend\""
x=$(sim_api POST /mj/submit/video "{\"prompt\":\"longer\",\"action\":\"extend\",\"index\":3,\"taskId\":\"$v4\",\"batchSize\":1}" | jq -r .result)
ok "an extend finishes" wait_status "$x" SUCCESS
is "$(sim_api GET /mj/task/$x/fetch | jq -r '[.action, .parentId, (.videoUrls | length | tostring)] | join(" ")')" \
    "VIDEO $v4 1" "... as action VIDEO with its parentId"
is "$(sim_get /_sim/task/$x | jq -c '.request | [.action, .index, .taskId]')" "[\"extend\",3,\"$v4\"]" \
    "... the body as sent is kept"

# ---- trueai: cancel (admin), stuck --------------------------------------
sim_start --dialect trueai --duration 0.5 --jitter 0 --stuck STUCKWORD --capacity 1
s1=$(sim_api POST /mj/submit/imagine '{"prompt":"hang STUCKWORD"}' | jq -r .result)
s2=$(sim_api POST /mj/submit/imagine '{"prompt":"behind it"}' | jq -r .result)
ok "--stuck: the task stops at 40% IN_PROGRESS" wait_until 10 sh -c \
    "curl -s -H 'Authorization: Bearer test-key' $SIM_URL/mj/task/$s1/fetch | jq -e '.status == \"IN_PROGRESS\" and .progress == \"40%\"'"
sleep 1
is "$(sim_api GET /mj/task/$s1/fetch | jq -r '.status + " " + .progress')" "IN_PROGRESS 40%" "... and stays there"
is "$(sim_api GET /mj/task/$s2/fetch | jq -r .status)" NOT_START "... holding its slot"
is "$(http POST /mj/task/$s1/cancel)" "200 " "cancel (admin): HTTP 200, empty body"
is "$(sim_api GET /mj/task/$s1/fetch | jq -r '.status + " " + .failReason')" "FAILURE 取消任务" \
    "the task becomes FAILURE 取消任务"
ok "the next one runs" wait_status "$s2" SUCCESS
is "$(http POST /mj/task/999/cancel)" "200 " "cancel of an unknown id: 200 too"
is "$(sim_stats | jq -c '[.cancels, .requests["POST /mj/task/cancel"]]')" "[2,2]" "the ledger counts cancels"
sim_stop
sim_start --dialect trueai --cancel denied --stuck w --stuck-progress 0
s=$(sim_api POST /mj/submit/imagine '{"prompt":"w"}' | jq -r .result)
is "$(curl -s -o body -w '%{http_code} %{content_type}' -H 'Authorization: Bearer test-key' -X POST "$SIM_URL/mj/task/$s/cancel") $(cat body)" \
    "400 text/plain; charset=utf-8 演示模式，禁止操作" "--cancel denied: 400 text/plain 演示模式，禁止操作"
sleep 1
is "$(sim_api GET /mj/task/$s/fetch | jq -r '.status + " " + .progress')" "SUBMITTED 0%" \
    "... the task goes on; --stuck-progress 0 stays SUBMITTED"
sim_stop

# ---- comet and novicezk-old ------------------------------------------------
sim_start --duration 0.2 --jitter 0 --capacity 9 --stuck hang
is "$(http POST /mj/task/1/cancel | cut -c1-3)" 404 "comet: no cancel route (404)"
is "$(code_of "$(sim_api POST /mj/submit/imagine '{"prompt":"a forbidden thing"}')")" 24 "comet: a banned word is 24"
k=$(sim_api POST /mj/submit/video '{"prompt":"sea","image":"http://x/f.png","motion":"low","batchSize":4}' | jq -r .result)
k0=$(sim_api POST /mj/submit/video '{"image":"http://x/f.png","motion":"low"}' | jq -r .result)
k2=$(sim_api POST /mj/submit/imagine '{"prompt":"http://x/f.png sea --video --motion low --bs 2"}' | jq -r .result)
h=$(sim_api POST /mj/submit/imagine '{"prompt":"hang on"}' | jq -r .result)
ok "comet: the videos finish" wait_until 10 sh -c \
    "curl -s -H 'Authorization: Bearer test-key' -d '{\"ids\":[\"$k\",\"$k0\",\"$k2\"]}' $SIM_URL/mj/task/list-by-condition | jq -e 'length == 3 and all(.status == \"SUCCESS\")'"
t=$(sim_api GET /mj/task/$k/fetch)
is "$(echo "$t" | jq -r '[(.videoUrls | length), (.videoUrls | map(type == "string") | all), (.videoUrls[0] == .videoUrl), (.videoUrls | unique | length)] | map(tostring) | join(" ")')" \
    "4 true true 4" "comet: batchSize 4 gives four videoUrls, strings"
for u in $(echo "$t" | jq -r '.videoUrls[]'); do curl -s "$u" | sha256sum; done | sort -u > sums
is "$(wc -l < sums)" 4 "... four different files"
is "$(sim_api GET /mj/task/$k0/fetch | jq -r 'has("videoUrls")')" false "comet: no batchSize, no videoUrls (as before)"
is "$(sim_api GET /mj/task/$k2/fetch | jq -r '.videoUrls | length')" 2 "comet: an imagine video with --bs 2 has two"
is "$(sim_api GET /mj/task/$h/fetch | jq -r '.status + " " + .progress')" "IN_PROGRESS 40%" "comet: --stuck too"
sim_stop
sim_start --dialect novicezk-old --duration 0.2 --jitter 0 --capacity 9
g=$(sim_api POST /mj/submit/imagine '{"prompt":"old server"}' | jq -r .result)
ok "novicezk-old: a grid finishes" wait_status "$g" SUCCESS
u1() { sim_api GET /mj/task/$g/fetch | jq -r '.buttons[0].customId'; }
a=$(sim_api POST /mj/submit/action "{\"taskId\":\"$g\",\"customId\":\"$(u1)\"}")
is "$(code_of "$a")" 1 "the first U1: code 1"
up=$(echo "$a" | jq -r .result)
ok "the upscale finishes" wait_status "$up" SUCCESS
n=$(sim_stats | jq -r .tasks_created)
d=$(sim_api POST /mj/submit/action "{\"taskId\":\"$g\",\"customId\":\"$(u1)\"}")
is "$(echo "$d" | jq -r '[.code, .result, .description, .properties.status] | map(tostring) | join(" ")')" \
    "21 $up 任务已存在 SUCCESS" "U1 again: code 21 already exists, the existing task and its status"
is "$(echo "$d" | jq -r .properties.imageUrl)" "$(sim_api GET /mj/task/$up/fetch | jq -r .imageUrl)" "... and its imageUrl"
is "$(sim_stats | jq -r '[.tasks_created, .already_exists] | map(tostring) | join(" ")')" "$n 1" "... nothing new created"
is "$(code_of "$(sim_api POST /mj/submit/action "{\"taskId\":\"$g\",\"customId\":\"$(sim_api GET /mj/task/$g/fetch | jq -r '.buttons[1].customId')\"}")")" 1 \
    "U2 is new: code 1"
cz=$(sim_api GET /mj/task/$up/fetch | jq -r '.buttons[] | select(.label == "Custom Zoom") | .customId')
m=$(sim_api POST /mj/submit/action "{\"taskId\":\"$up\",\"customId\":\"$cz\"}")
is "$(echo "$m" | jq -r '.code')" 21 "a modal is code 21 as ever..."
is "$(sim_api GET /mj/task/$(echo "$m" | jq -r .result)/fetch | jq -r .status)" MODAL "... a new task in MODAL"
sim_stop

# ---- grids in the prompt's --ar shape -------------------------------------
sim_start --duration 0.1 --jitter 0 --capacity 9 --grid-size 300x300
w=$(sim_api POST /mj/submit/imagine '{"prompt":"wide --ar 3:2"}' | jq -r .result)
tl=$(sim_api POST /mj/submit/imagine '{"prompt":"tall --ar 9:16 --v 6"}' | jq -r .result)
sq=$(sim_api POST /mj/submit/imagine '{"prompt":"square"}' | jq -r .result)
ex=$(sim_api POST /mj/submit/imagine '{"prompt":"given sim:grid=64x48 --ar 1:2"}' | jq -r .result)
ok "four grids finish" wait_until 10 sh -c \
    "curl -s -H 'Authorization: Bearer test-key' -d '{\"ids\":[\"$w\",\"$tl\",\"$sq\",\"$ex\"]}' $SIM_URL/mj/task/list-by-condition | jq -e 'length == 4 and all(.status == \"SUCCESS\")'"
dims() {
	curl -s -o "$1.png" "$SIM_URL/mj/image/$1"
	if command -v vipsheader >/dev/null 2>&1; then
		echo "$(vipsheader -f width "$1.png")x$(vipsheader -f height "$1.png")"
	else
		identify -format '%wx%h' "$1.png"
	fi
}
if command -v vipsheader >/dev/null 2>&1 || command -v identify >/dev/null 2>&1; then
	is "$(dims "$w") $(dims "$tl") $(dims "$sq") $(dims "$ex")" "300x200 169x300 300x300 64x48" \
	    "--ar 3:2 -> 300x200, 9:16 -> 169x300, none 300x300; sim:grid= wins"
else
	_result 0 "# SKIP no vipsheader or identify"
fi
sim_stop
sim_start --duration 0.1 --jitter 0
w=$(sim_api POST /mj/submit/imagine '{"prompt":"wide tile --ar 2:1"}' | jq -r .result)
ok "a tile grid finishes" wait_status "$w" SUCCESS
is "$(curl -s "$SIM_URL/mj/image/$w" | head -c 24 | tail -c 8 | od -An -tu1 | awk '{print $4 "x" $8}')" "32x16" \
    "without --grid-size the padded tile takes the shape too (32x16)"

# every option has a line of help
"$PYTHON3" "$top_srcdir/tests/mjsim/mjsim" --help > help.txt
is "$("$PYTHON3" -c '
import re, sys
lines = open(sys.argv[1]).read().split("\n")
bare = [l.split()[0] for i, l in enumerate(lines)
        if re.match(r"^  -", l) and not re.search(r"\S  +\S", l.strip())
        and not (i + 1 < len(lines) and re.match(r"^ {20,}\S", lines[i + 1]))]
print(" ".join(bare) or "none")' help.txt)" none "--help: a line of help for every option"
done_testing
