#!/bin/bash
# mj-submit: an option given a value it does not take is a usage error:
# status 2, one message naming the option, its choices and the value,
# nothing read or sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
echo "a paper boat" > in.txt
echo "imagine * 0.05" > prices.txt
n=0
while IFS='|' read -r args want; do
	n=$((n + 1))
	# shellcheck disable=SC2086
	mj-submit $args in.txt > out 2> err
	is "$?" 2 "$args: status 2"
	ok "... saying $want" grep -qF "mj-submit: $want" err
	is "$(wc -c < out | tr -d ' ')" 0 "... no record written"
done <<'CASES'
-f yaml|-f: must be auto, jsonl, csv or lines: yaml
--bot dalle|--bot: must be mj or niji: dalle
--blend --dimensions round|--dimensions: must be PORTRAIT, SQUARE or LANDSCAPE: round
--mode slow|--mode: must be fast, relax or turbo: slow
--video --motion wild|--motion: must be low or high: wild
--prices prices.txt --max-cost 1.2345678|--max-cost: not an amount (a decimal with at most 6 places, as 5 or 12.50): 1.2345678
--blend --image http://h/1.png --image http://h/2.png --image http://h/3.png --image http://h/4.png --image http://h/5.png --image http://h/6.png|--blend: 2 to 5 --image, got 6
CASES
is "$n" 7 "every case ran"
is "$(sim_stats | jq '[.requests[]] | add // 0')" 0 "nothing was sent"
done_testing
