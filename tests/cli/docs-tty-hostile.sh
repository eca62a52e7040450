#!/bin/bash
# Issue 28 part 4, end to end: a hostile simulator (--hostile-text) puts
# C0 controls and ESC sequences, DEL, C1 controls, the bidi overrides and
# isolates, and raw invalid UTF-8 (overlong, surrogate, past U+10FFFF,
# 0xFF) in every description and fail reason, and the prompts carry ESC,
# C1 and bidi too.  The pipeline runs with its status block on a tmux pane
# whose bytes are also copied raw (pipe-pane): none of the hostile
# sequences reaches the terminal raw, the pane shows them as \xNN, and the
# records on stdout keep the text as valid JSON.
. "$top_srcdir/tests/cli/lib.sh"
skip_dialect "a banned prompt refused at submission (code 24;" \
    "trueai fails the task later)"
command -v tmux >/dev/null || skip_all "tmux is not installed"
sim_start --hostile-text --duration 0.5 --jitter 0 --capacity 5 \
    --banned forbidden
{
	printf 'a calm sea sim:dur=2\n'
	printf 'a cat sim:fail\n'
	printf 'boat forbidden\n'
	printf 'esc \033[2J\302\233x\342\200\256rev\342\201\246iso sim:fail\n'
	printf 'bad \300\200 overlong\n'
} > p.txt
sock=$TEST_DIR/tmux.sock
# the pane waits (5 s at most) for go, so that pipe-pane sees every byte
env="PATH='$PATH' MJ_BASE_URL='$MJ_BASE_URL' MJ_API_KEY='$MJ_API_KEY'"
wait_go='i=0; until [ -e go ] || [ $i -ge 50 ]; do sleep 0.1; i=$((i+1)); done'
run="mj-submit < p.txt | mj-wait -v -i 200ms | mj-fetch -d out > out.jsonl"
tmux -S "$sock" new-session -d -x 250 -y 30 \
    "cd '$TEST_DIR' && $env; $wait_go; $run; echo DONE-\$?; sleep 60"
tmux -S "$sock" pipe-pane -O "cat >> '$TEST_DIR/pane.raw'"
touch go
screen() { tmux -S "$sock" capture-pane -p -J -S -100; }
ok "the pipeline ends" wait_until 20 sh -c \
    "tmux -S '$sock' capture-pane -p -J -S -100 | grep -q DONE-"
sleep 0.3	# the last bytes through pipe-pane
screen > screen.txt
tmux -S "$sock" kill-server 2>/dev/null
diag "pane: $(grep -c . screen.txt) lines, raw $(wc -c < pane.raw) bytes"

# the raw bytes the terminal was given
ok "the raw pane bytes were captured" test -s pane.raw
ok "... with the status block drawn in them" sh -c \
    "LC_ALL=C grep -aqP '\x1b\[1mmj-wait\x1b\[0m: [0-9]+ done' pane.raw"
raw() {	# raw NAME PCRE: the sequence never reaches the terminal
	ok "no raw $1 on the terminal" sh -c "! LC_ALL=C grep -aqP '$2' pane.raw"
}
raw "ESC [2J (clear screen)" '\x1b\[2J'
raw "ESC ] (title)" '\x1b\]'
raw "BEL" '\x07'
raw "BS" '\x08'
raw "DEL" '\x7f'
raw "C1 control (C2 80..9F)" '\xc2[\x80-\x9f]'
raw "bidi override (E2 80 AA..AE)" '\xe2\x80[\xaa-\xae]'
raw "bidi isolate (E2 81 A6..A9)" '\xe2\x81[\xa6-\xa9]'
raw "overlong NUL (C0 80)" '\xc0'
raw "overlong slash (E0 80 AF)" '\xe0[\x80-\x9f]'
raw "surrogate (ED A0 80)" '\xed[\xa0-\xbf]'
raw "code point past U+10FFFF (F4 90)" '\xf4[\x90-\xbf]'
raw "0xFF" '\xff'
ok "ESC only in the status block's own CSI sequences" sh -c \
    "! LC_ALL=C grep -aoP '\x1b.' pane.raw | LC_ALL=C grep -avP '^\x1b\[$'"

# what a person sees
ok "the pane shows the server's text" grep -q 'HOSTILE<' screen.txt
seen() {
	ok "the pane shows $1 escaped" grep -qF -- "$2" screen.txt
}
seen "ESC, BEL, BS, DEL" '\x1b[2J\x1b]0;pwned\x07\x08\x7f'
seen "C1 controls" '\xc2\x85\xc2\x9b31m'
seen "bidi overrides" \
    '\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae'
seen "bidi isolates" '\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9'
seen "overlong, surrogate, past U+10FFFF, 0xFF" \
    '\xc0\x80\xe0\x80\xaf\xed\xa0\x80\xf4\x90\x80\x80\xff>END'
ok "... in the refusal of a banned prompt" \
    grep -q '^mj-submit: line 3: .*HOSTILE<\\x1b' screen.txt
ok "... in a fail reason" \
    grep -q '^mj-wait: task [0-9]*: .*HOSTILE<\\x1b' screen.txt
ok "an invalid input line is named, not echoed" \
    grep -q '^mj-submit: line 5: not valid UTF-8' screen.txt
diag "$(grep -m1 '^mj-wait: task' screen.txt | cut -c1-120)"

# the records: valid JSON, the text kept (escaped by JSON's rules)
jq_ok out.jsonl 'length == 5' "stdout: one record a line"
jq_ok out.jsonl '[.[] | select(.error.stage == "wait")] | length == 2
    and all(.error.message | test("HOSTILE<\u001b\\[2J\u001b\\]0;pwned"
        + "\u0007\b\u007f\u0085\u009b31m\u202a\u202b\u202c\u202d\u202e"
        + "\u2066\u2067\u2068\u2069"))' \
    "the fail reasons kept in the records"
jq_ok out.jsonl \
    'any(.prompt == "esc \u001b[2J\u009bx\u202erev\u2066iso sim:fail")' \
    "the hostile prompt kept in its record"
jq_ok out.jsonl \
    'any(.error.code == 24 and (.error.message | contains("HOSTILE<\u001b")))' \
    "the refusal kept in its record"
ok "no raw ESC in the records" sh -c "! LC_ALL=C grep -aqP '\x1b' out.jsonl"
done_testing
