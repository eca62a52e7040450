#!/bin/bash
# Strict JSON and UTF-8 at the boundaries, end to end: what RFC 8259
# forbids is an input error record; numbers and keys come out as they
# went in; a server's lone surrogates, bad bytes and NaN come out as
# strict JSON; -f auto never pays for a CSV header; one message for a bad
# option; a one-character key is not redacted inside words.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
# strict: UTF-8, NaN refused, each line one JSON value
strict() {
	"$PYTHON3" -c '
import json, sys
for ln in open(sys.argv[1], "rb").read().split(b"\n")[:-1]:
    json.loads(ln.decode("utf-8"), parse_constant=lambda c: 1 / 0)' "$1" 2>/dev/null
}

# the issue's lines, and RFC 8259's other refusals: an input error each
printf '%s\n' '{"prompt":"p","v":-2.}' '{"prompt":"p","v":2.e3}' '{"prompt":"p","v":0.e1}' \
    '{"prompt":"p","v":-.123}' '{"prompt":"p","v":1.}' '{"prompt":"p","v":-01}' \
    "{'prompt':'p'}" "$(printf '{"prompt":"a\tb"}')" '{"prompt":"p","v":NaN}' \
    '{"prompt":"p","v":+1}' '{"prompt":"p",}' '{"prompt":"p","v":"\x41"}' \
    '{"prompt":"p","v":True}' '{"prompt":"p"} x' > bad.jsonl
mj-submit -n -f jsonl bad.jsonl > out 2> err
is "$?" 1 "lines RFC 8259 forbids: status 1"
jq_ok out 'length == 14 and all(.error.stage == "input" and (.input | length > 0) and (has("submit") | not))' \
    "each one an input error record with the raw line, nothing submitted"
jq_ok out '[.[].error.message] | (.[0] | test("a number needs a digit after .\\.. at byte 19")) and
    (.[5] | test("leading zeros")) and (.[6] | test("double quotes")) and
    (.[7] | test("raw control character \\(U\\+0009\\)")) and (.[8] | test("NaN"))' \
    "... whose messages say what is wrong, and where"
is "$(grep -c '^mj-submit: line [0-9]*: not a JSON object: ' err)" 14 "... and a message on stderr for each"

# numbers pass byte for byte; keys are never changed; JSON in, JSON out
nums='[-0,-0.0,1.0E+2,1e999,0.5e-3,123456789012345678901234567890,-9223372036854775809,18446744073709551615,9007199254740993]'
printf '%s\n' "{\"prompt\":\"p\",\"v\":$nums}" '{"prompt":"p","v":{"foo\u0000bar":42}}' \
    '{"prompt":"a\u0000b \ud800 \ud83d\ude00","s":"\u00e9\/"}' > good.jsonl
mj-submit -n -f jsonl good.jsonl > out 2> err
is "$?" 1 "valid lines: status 1 (a prompt holding U+0000 is not sent)"
jq_ok out '.[2].error | .stage == "submit" and .message == "field '"'prompt'"' holds U+0000, which cannot be sent"' \
    "a prompt holding U+0000 is refused, not cut short and paid for"
ok "numbers written back byte for byte" grep -qF "\"v\":$nums" out
ok "a key holding U+0000 written back as its escape" grep -qF '"v":{"foo\u0000bar":42}' out
ok "in a value, U+0000 kept, a lone surrogate becomes U+FFFD" "$PYTHON3" -c '
import json, sys
r = [json.loads(ln) for ln in open(sys.argv[1])][2]
sys.exit(not (r["prompt"] == "a\x00b \ufffd \U0001f600" and r["s"] == "\u00e9/"))' out
ok "every line written reads back strictly" strict out

# records passed on untouched are what was read: jq 1.6 reads them back
printf '%s\n' '{"a":"x\ud800"}' '{"b":"\u00e9 \/"}' > pass.jsonl
mj-fetch pass.jsonl > out 2>/dev/null
is "$?" 0 "mj-fetch: records with nothing to fetch: status 0"
is "$(cat out)" "$(printf '{"a":"x\357\277\275"}\n{"b":"\\u00e9 \\/"}')" \
    "... passed on as they came, but a lone surrogate as U+FFFD"
ok "... which jq reads back" jq -c . out
MJ_API_KEY=k mj-wait pass.jsonl > out 2>/dev/null
is "$(cat out)" "$(printf '{"a":"x\357\277\275"}\n{"b":"\303\251 /"}')" "mj-wait: the same"

# a key holding a lone surrogate: refused rather than changed
echo '{"prompt":"p","\udc00x":1}' | mj-submit -n -f jsonl > out 2>/dev/null
jq_ok out '.[0].error | .stage == "input" and (.message | test("a key holds a lone surrogate \\(\\\\udc00\\)"))' \
    "a key holding a lone surrogate: an input error that says so"

# valid JSON that is not an object: a clear message, not "end of input"
printf '%s\n' '42' '"text"' '[1]' | mj-submit -n -f jsonl > out 2> err
jq_ok out '[.[].error.message] == ["not a JSON object: the line is a JSON number, not an object",
    "not a JSON object: the line is a JSON string, not an object",
    "not a JSON object: the line is a JSON array, not an object"]' \
    "a bare number, a string, an array: each says what the line is"

# -f auto never pays for a header; prompts with commas stay prompts
printf 'text,sku\nhello,S1\nworld,S2\n' > items.csv
mj-submit items.csv > out 2> err
is "$?" 2 "auto: a CSV header without a prompt column: status 2"
is "$(wc -c < out | tr -d ' ')" 0 "... nothing written"
ok "... the message names the columns and both ways out" grep -qF \
    "mj-submit: the input looks like CSV whose header has no 'prompt' column (columns: text, sku); nothing was sent: name the prompt's column with --prompt-field NAME, or read each line as a prompt with -f lines" err
ok "... one message, then the pointer to --help" test "$(wc -l < err)" = 1
is "$(sim_stats | jq .tasks_created)" 0 "... and nothing was sent"
printf 'a red boat\n' > first.txt
mj-submit first.txt items.csv > out 2> err
is "$?" 2 "auto: a second file with such a header: status 2"
jq_ok out 'length == 1 and .[0].prompt == "a red boat" and .[0].task.id' \
    "... the first file's record still comes out, with its task"
is "$(grep -c 'columns: text, sku' err)" 1 "... the second file named once"
mj-submit --prompt-field text items.csv > out 2>/dev/null
jq_ok out 'length == 2 and all(.task.id) and (map(.text) == ["hello","world"])' \
    "--prompt-field text: the rows are submitted"
mj-submit -n -f lines items.csv > out 2>/dev/null
jq_ok out 'map(.prompt) == ["text,sku","hello,S1","world,S2"]' "-f lines: every line a prompt"
printf '%s\n' 'a cat, watercolour, --ar 3:2' 'a dog, oil on canvas, --ar 2:3' | mj-submit > out 2>/dev/null
is "$?" 0 "auto: prompts with commas: status 0"
jq_ok out 'map(.prompt) == ["a cat, watercolour, --ar 3:2","a dog, oil on canvas, --ar 2:3"] and all(.task.id)' \
    "... submitted as the prompts they are"
printf '%s\n' 'cat,dog' 'a red bird' | mj-submit -n > out 2>/dev/null
jq_ok out 'map(.prompt) == ["cat,dog","a red bird"]' \
    "auto: a header-like line, then a line with other fields: lines"

# one message for a bad option, from each program
for p in mj-submit mj-wait mj-fetch mj-pack; do
	$p --frobnicate < /dev/null > /dev/null 2> err
	rc=$?
	is "$rc:$(head -1 err)" "2:$p: unknown option '--frobnicate'" "$p: an unknown option, named once"
	is "$(sed -n 2p err):$(wc -l < err | tr -d ' ')" "$p: try '$p --help' for more information:2" \
	    "$p: ... then the pointer to --help, nothing more"
done
mj-submit -j < /dev/null > /dev/null 2> err
is "$(head -1 err)" "mj-submit: option '-j' needs a value" "a missing value: said so"

# a one-character API key is redacted as a word, not inside words
MJ_API_KEY=o MJ_MODE=bogus mj-submit -n < /dev/null > /dev/null 2> err
is "$(head -1 err)" "mj-submit: MJ_MODE must be fast, relax or turbo: bogus" \
    "a one-character key is not redacted inside other words"

# mj-wait: JSON that was meant is an input error, never a task id
printf '%s\n' '{"a":-01}' '[1,2]' 'true' 'two words' '"12 3"' | mj-wait -i 100ms > out 2> err
is "$?" 1 "mj-wait: lines that are neither records nor ids: status 1"
jq_ok out 'length == 5 and all(.error.stage == "input")' "... each an input error record"

# what a server sends comes out strict: a quirky task reply
cat > quirky.py <<'PY'
import http.server, socketserver, sys
TASK = (b'{"id":"42","status":"SUCCESS","progress":NaN,"prompt":"lone \\ud800 \\udc00",'
        b'"description":"bad \xff\xfe \xed\xa0\x80","v":-Infinity,"w":2.,"k\xffey":1,'
        b'"imageUrl":"","buttons":[],"n":[Infinity,1.5]}')
class H(http.server.BaseHTTPRequestHandler):
    def reply(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b"[" + TASK + b"]" if "list" in self.path else TASK
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = reply
    def log_message(self, *a):
        pass
s = socketserver.TCPServer(("127.0.0.1", 0), H)
open(sys.argv[1] + ".tmp", "w").write(str(s.server_address[1]))
__import__("os").rename(sys.argv[1] + ".tmp", sys.argv[1])
s.serve_forever()
PY
"$PYTHON3" quirky.py qport &
_sim_pids="$_sim_pids $!"
wait_until 10 test -s qport || { echo "Bail out! the quirky server"; exit 1; }
echo 42 | MJ_API_KEY=k mj-wait --base-url "http://127.0.0.1:$(cat qport)" -i 100ms --events ev.jsonl > out 2> err
is "$?" 0 "a quirky server's task: status 0"
ok "... written as strict JSON in UTF-8" strict out
ok "... the events too" strict ev.jsonl
jq_ok out '.[0].task | .progress == null and .v == null and .n == [null,1.5] and .w == 2.0 and
    .prompt == "lone \ufffd \ufffd" and .description == "bad \ufffd\ufffd \ufffd\ufffd\ufffd" and .["k\ufffdey"] == 1' \
    "... NaN and Infinity become null, lone surrogates and bad bytes U+FFFD, 2. becomes 2.0"
done_testing
