#!/bin/bash
# mj-fetch names from hostile task ids: none leaves DIR, hides a file,
# passes a control character or runs over 200 bytes; each id gets its
# sanitized name, and ids that sanitize alike get distinct ones.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --image-bytes 3000
echo '{"prompt":"source"}' | mj-submit | mj-wait -i 200ms > tasks
url=$(jq -r .task.imageUrl tasks)
case $url in http://*) ok "an image URL to name" true ;; *) ok "an image URL to name" false ;; esac
mkdir -p top/out

# hostile ids: each line of the table is an id and the name it must get
# (a\b comes after a/b: the same name, so it gets -2)
while IFS='	' read -r id want; do
	jq -cn --arg id "$id" --arg u "$url" '{task:{id:$id,status:"SUCCESS",imageUrl:$u}}'
	printf '%s ' "$want" >> wanted
done > hostile <<'TABLE'
../../x	_._.._x.png
a/b	a_b.png
..	__.png
.hidden	_hidden.png
a\b	a_b-2.png
CON	CON_.png
TABLE
jq -cn --arg u "$url" '{task:{id:"tab\tx",status:"SUCCESS",imageUrl:$u}}' >> hostile
printf '%s ' tab_x.png >> wanted
jq -cn --arg u "$url" '{task:{id:"ctl\u0001\u001b[31m",status:"SUCCESS",imageUrl:$u}}' >> hostile
printf '%s ' 'ctl__[31m.png' >> wanted
long=$(printf 'L%.0s' $(seq 1 300))
jq -cn --arg id "$long" --arg u "$url" '{task:{id:$id,status:"SUCCESS",imageUrl:$u}}' >> hostile
(cd top && run_prog mj-fetch -d out < ../hostile > ../out1 2> ../err)
is "$?" 0 "hostile ids: status 0"
jq_ok out1 'length == 9 and all(.files | length == 1)' "every hostile record got its file"
is "$(find top -type f | grep -v '^top/out/[^/]*$' | wc -l)" 0 "no file outside DIR"
is "$(ls -A top/out | grep -c '^\.')" 0 "no hidden file"
is "$(ls top/out | LC_ALL=C grep -c '[[:cntrl:]]')" 0 "no control character in a name"
is "$(ls top/out | awk 'length($0) > 210' | wc -l)" 0 "no overlong name"
jq_ok out1 'map(select(.task.id | length == 300))[0].files[0].path | length == 4 + 200 + 4' "a 300-byte id is cut to 200 bytes"
# records leave in completion order: compare id -> name pairs
got=$(jq -sc 'map(select(.task.id | length < 200) | [.task.id, (.files[0].path | ltrimstr("out/"))]) | sort' out1)
want=$(jq -sc --arg w "$(cat wanted)" '[.[0:8], ($w | split(" ") | map(select(. != "")))] | transpose | map([.[0].task.id, .[1]]) | sort' hostile)
is "$got" "$want" "each id gets its sanitized name"
jq_ok out1 'map(.files[0].path) | unique | length == 9' "nine distinct files"
jq_ok out1 'map(.files[0].sha256) | unique | length == 1' "... all the same image"
done_testing
