#!/bin/bash
# The simulator's grids (--grid-size) in a prompt's --ar shape, the long
# side max(W, H); sim:grid= wins.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/mjsim-dialect-lib.sh"
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
done_testing
