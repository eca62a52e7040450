#!/bin/bash
# One status block for the whole pipeline, as a person sees it: the four
# programs in a tmux pane of 80x24 and of 40x10, the pane read back with
# capture-pane many times while they run.  Each time: one row per program,
# in pipeline order, at the bottom, each a well-formed status (cut to the
# width in the narrow pane, never wrapped), an error above the block; at
# the end one summary line per program and no row left.  Then kill -9 of
# one program, TERM=dumb, NO_COLOR, -q.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "a banned prompt refused at submission (code 24; trueai fails the task later)"
command -v tmux >/dev/null || skip_all "tmux is not installed"
sim_start --duration 0.6 --jitter 0.4 --capacity 3 --banned forbidden
{ seq 1 3; echo forbidden; seq 4 9; } | sed 's/^/boat /' > p.txt
esc=$(printf '\033')
n=0
pane() {	# pane COLS LINES COMMAND: run it in a fresh pane, its own server
	[ -n "${sock:-}" ] && tmux -S "$sock" kill-server 2>/dev/null
	n=$((n + 1))
	sock=$TEST_DIR/tmux.$n.sock
	tmux -S "$sock" new-session -d -x "$1" -y "$2" \
	    "cd '$TEST_DIR' && PATH='$PATH' MJ_BASE_URL='$MJ_BASE_URL' MJ_API_KEY='$MJ_API_KEY' $3; echo DONE-\$?; sleep 60"
}
screen() { tmux -S "$sock" capture-pane -p -J "$@" | sed 's/ *$//'; }
pipeline="mj-submit --rate 3 < p.txt | mj-wait -i 200ms | mj-fetch -d out | mj-pack -o o.tar > /dev/null"
fast=${pipeline/--rate 3 /}

# check WIDTH < screen: every line is a message, a summary or a live row
# (live rows last, one per program, in pipeline order, well-formed and
# shorter than WIDTH); prints the number of rows, or BAD lines
check() {
	awk -v W="$1" '
	BEGIN {
		rate = "(, [0-9.]+/s(, ETA [0-9]+[hms]([0-9]+[ms])?)?)?$"
		re["mj-submit"] = "^mj-submit: [0-9]+ submitted, [0-9]+ in flight, [0-9]+ failed" rate
		re["mj-wait"] = "^mj-wait: [0-9]+ done, [0-9]+ waiting, [0-9]+ failed" rate
		re["mj-fetch"] = "^mj-fetch: [0-9]+ fetched, [0-9]+ found, [0-9]+ running, [0-9]+ failed" rate
		re["mj-pack"] = "^mj-pack: [0-9]+ packed, [0-9]+ failed" rate
		rank["mj-submit"] = 1; rank["mj-wait"] = 2
		rank["mj-fetch"] = 3; rank["mj-pack"] = 4
	}
	/^$/ || /^DONE-/ { next }
	/^mj-[a-z]+: line [0-9]+: / || / in [0-9.]+s$/ || / in [0-9]+m[0-9]+s$/ {
		if (rows > 0) { print "BAD text below the rows: " $0; bad = 1 }
		next
	}
	{
		name = $0; sub(/:.*/, "", name)
		if (!(name in rank)) { print "BAD not a status row: " $0; bad = 1; next }
		if (rank[name] <= last) { print "BAD out of order or twice: " $0; bad = 1 }
		last = rank[name]; rows++
		if (length($0) > W - 1) { print "BAD wider than the pane: " $0; bad = 1 }
		# a row cut to the width (its last space stripped by the
		# capture) begins as a well-formed one
		if (length($0) >= W - 2) {
			if ($0 !~ /^mj-[a-z]+: [0-9]+ [a-z]/ || $0 ~ /[^A-Za-z0-9 ,.\/:-]/) {
				print "BAD cut row: " $0; bad = 1
			}
		} else if ($0 !~ re[name]) { print "BAD row: " $0; bad = 1 }
	}
	END { if (!bad) print rows + 0; exit bad }'
}

# watch WIDTH: capture until DONE (at most 60 s); count the moments with
# all four rows; any bad moment is kept in bad.txt
watch() {
	local i=0 s r
	full=0
	: > bad.txt
	while [ "$i" -lt 300 ]; do
		i=$((i + 1))
		s=$(screen)
		case $s in *DONE-*) break ;; esac
		if r=$(printf '%s\n' "$s" | check "$1"); then
			[ "$r" = 4 ] && full=$((full + 1))
		else
			{ printf '%s\n' "$r"; printf '%s\n' "$s" | sed 's/^/  | /'; } >> bad.txt
		fi
		sleep 0.2
	done
}

summaries() {	# the summary lines at the end, in the pane
	screen | grep -E "^mj-(submit|wait|fetch|pack): .* in [0-9.ms]+$"
}

for size in 80x24 40x10; do
	cols=${size%x*}
	rm -rf out o.tar
	pane "$cols" "${size#*x}" "$pipeline"
	watch "$cols"
	ok "$size: every moment a well-formed block" test ! -s bad.txt
	[ -s bad.txt ] && head -40 bad.txt | sed 's/^/#   /'
	ok "$size: several moments with a row for each of the four ($full)" test "$full" -ge 3
	ok "$size: the pipeline ends" wait_until 30 sh -c "tmux -S '$sock' capture-pane -p | grep -q DONE-0"
	diag "$size at the end:"
	screen | sed '/^$/d; s/^/#   /'
	s=$(screen)
	is "$(printf '%s\n' "$s" | check "$cols")" 0 "$size: no row left at the end"
	is "$(summaries | cut -d: -f1 | tr '\n' ' ')" "mj-submit mj-wait mj-fetch mj-pack " \
	    "$size: one summary per program, in the order they ended"
	ok "$size: mj-submit: submitted, failed, time" sh -c "printf '%s\n' '$s' | grep -Eq '^mj-submit: 9 submitted, 1 failed in [0-9.]+s$'"
	ok "$size: mj-wait: done, failed, time" sh -c "printf '%s\n' '$s' | grep -Eq '^mj-wait: 9 done, 0 failed in [0-9.]+s$'"
	ok "$size: mj-fetch: with the bytes" sh -c "printf '%s\n' '$s' | grep -Eq '^mj-fetch: 9 fetched, 0 found, 0 failed, [0-9.]+ [KM]iB in [0-9.]+s$'"
	ok "$size: mj-pack: with the bytes" sh -c "printf '%s\n' '$s' | grep -Eq '^mj-pack: 9 packed, 0 failed, [0-9.]+ [KM]iB in [0-9.]+s$'"
	is "$(printf '%s\n' "$s" | grep -c 'line 4: ')" 1 "$size: the error once, above the block"
done

# a resize (SIGWINCH) redraws: narrowed, the block is cut to the new width
pane 80 24 "${pipeline/--rate 3/--rate 1}"
ok "resize: four rows at 80 columns" wait_until 20 sh -c "tmux -S '$sock' capture-pane -p | grep -q '^mj-pack: '"
tmux -S "$sock" resize-window -x 40 -y 10
sleep 1.5
s=$(tmux -S "$sock" capture-pane -p | sed 's/ *$//')
is "$(printf '%s\n' "$s" | check 40)" 4 "resize: redrawn at 40 columns, four well-formed rows"
printf '%s\n' "$s" | sed '/^$/d; s/^/#   /'

# colour: the names in bold, unless NO_COLOR
pane 80 24 "mj-submit --rate 1 < p.txt > /dev/null"
ok "bold names on a colour terminal" wait_until 20 sh -c "tmux -S '$sock' capture-pane -p -e | grep -q '$esc\[1mmj-submit'"
pane 80 24 "NO_COLOR=1 mj-submit --rate 1 < p.txt > /dev/null"
ok "NO_COLOR: a row ..." wait_until 20 sh -c "tmux -S '$sock' capture-pane -p | grep -q '^mj-submit: [0-9]* submitted'"
ok "... without bold" sh -c "! tmux -S '$sock' capture-pane -p -e | grep -q '$esc\['"
tmux -S "$sock" kill-server 2>/dev/null

# TERM=dumb, on a terminal of script(1): no rows, no escape sequence at
# all, the summaries only
TERM=dumb script -qec "sh -c '$fast'" dumb.tty < /dev/null > /dev/null
ok "TERM=dumb: no escape sequence on the terminal" sh -c "! grep -q '$esc' dumb.tty"
ok "TERM=dumb: no live row" sh -c "! grep -Eq 'in flight|waiting|running' dumb.tty"
is "$(grep -Ec '^mj-(submit|wait|fetch|pack): .* in [0-9.ms]+.?$' dumb.tty)" 4 "TERM=dumb: the four summaries"

# -q: neither row nor summary; errors still show
pane 80 24 "mj-submit -q < p.txt | mj-wait -q -i 200ms | mj-fetch -q -d out > /dev/null"
ok "-q: the pipeline ends" wait_until 60 sh -c "tmux -S '$sock' capture-pane -p | grep -q DONE-0"
is "$(screen | sed '/^$/d' | grep -v DONE | sed 's/: line 4: .*/: line 4/')" "mj-submit: line 4" "-q: only the error"

# kill -9 of one program: its row goes with the next frame of another,
# the rest end with their summaries, and the next run draws a clean block
ipcs_before=$(ipcs -m 2>/dev/null | grep -c '^0x')
pane 80 24 "$pipeline; echo FIRST-\$?; $fast"
ok "kill: four rows" wait_until 20 sh -c "tmux -S '$sock' capture-pane -p | grep -q '^mj-pack: '"
pp=$(tmux -S "$sock" display -p '#{pane_pid}')
victim=
for st in /proc/[0-9]*/stat; do	# the pane's mj-wait, without procps
	read -r pid comm _ ppid _ < "$st" 2>/dev/null || continue
	[ "$ppid" = "$pp" ] && [ "$comm" = "(mj-wait)" ] && victim=$pid
done
ok "kill: mj-wait found in the pane ($victim)" test -n "$victim"
[ -n "$victim" ] && kill -9 "$victim"
ok "kill: the first run ends" wait_until 30 sh -c "tmux -S '$sock' capture-pane -p | grep -q FIRST-"
ok "kill: the second run ends" wait_until 60 sh -c "tmux -S '$sock' capture-pane -p | grep -q DONE-"
diag "after kill -9 and a second run:"
screen | sed '/^$/d; s/^/#   /'
s=$(screen)
ok "kill: no mj-wait row left behind" sh -c "! printf '%s\n' '$s' | grep -q '^mj-wait: .* waiting'"
is "$(printf '%s\n' "$s" | sed -n '/FIRST-/,$p' | grep -Ec '^mj-(submit|wait|fetch|pack): [0-9]+ .* in [0-9.ms]+$')" 4 \
    "kill: the next run leaves its four summaries"
is "$(ipcs -m 2>/dev/null | grep -c '^0x')" "$ipcs_before" "no System V segment left"
tmux -S "$sock" kill-server 2>/dev/null

# stderr not a terminal: nothing at all but the error
eval "$fast" 2> err.txt
is "$(grep -v 'line 4: ' err.txt)" "" "stderr not a terminal: no status, no summary"
done_testing
