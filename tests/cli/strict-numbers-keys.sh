#!/bin/bash
# Strict JSON: numbers pass byte for byte, keys are never changed, a prompt
# holding U+0000 is refused, a lone surrogate becomes U+FFFD; every line
# written reads back strictly.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
# strict: UTF-8, NaN refused, each line one JSON value
strict() {
	"$PYTHON3" -c '
import json, sys
for ln in open(sys.argv[1], "rb").read().split(b"\n")[:-1]:
    json.loads(ln.decode("utf-8"), parse_constant=lambda c: 1 / 0)' "$1" 2>/dev/null
}

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
sim_stop
done_testing
