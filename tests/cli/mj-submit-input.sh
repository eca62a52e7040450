#!/bin/bash
# mj-submit: each input format and the CSV edge cases end to end; input
# fields come out byte-identical; bad rows are error records naming the
# line while the rest goes on; a reserved column is a usage error.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20

# CSV: BOM, CRLF, quoted commas, doubled quotes, an embedded CRLF, UTF-8,
# an empty field, and a short row in the middle
printf '\357\273\277prompt,sku,note\r\n"a cat, sitting",A1,"say ""hi"""\r\n"two\r\nlines",A2,\r\nbad,row\r\nplain,A4,"ünï €"\r\n' > in.csv
mj-submit in.csv > out 2> err; rc=$?
is "$rc" 1 "csv: a bad row makes the status 1"
is "$(wc -l < out | tr -d ' ')" 4 "csv: one record per row, the bad one included"
jq_ok out 'map(select(.task.id)) | map(.prompt) | sort == ["a cat, sitting","plain","two\r\nlines"]' \
    "csv: quoted commas and an embedded line break kept in the prompt"
jq_ok out 'map(select(.sku == "A1"))[0].note == "say \"hi\""' "csv: doubled quotes"
jq_ok out 'map(select(.sku == "A4"))[0].note == "ünï €"' "csv: UTF-8 byte-identical"
jq_ok out 'map(select(.sku == "A2"))[0].note == ""' "csv: empty last field"
jq_ok out 'map(select(.task.id))[0] | keys_unsorted[0:3] == ["prompt","sku","note"]' \
    "csv: the input's fields first, in their order"
jq_ok out 'map(select(.error))[0] | .error.stage == "input" and .error.line == 5 and .input == "bad,row" and (.error.message | test("expected 3 fields, got 2"))' \
    "csv: the short row is an error record with its line and raw text"
ok "csv: the message names the line" grep -q '^mj-submit: line 5: expected 3 fields, got 2$' err
is "$(sim_stats | jq -c '.submissions | [.["a cat, sitting"], .["two\r\nlines"], .plain]')" "[1,1,1]" \
    "csv: each good row reached the server once"

# an unterminated quote at the end of input
printf 'prompt\n"never closed\n' | mj-submit > out 2>/dev/null; rc=$?
is "$rc" 1 "csv: an open quote at the end is an error"
jq_ok out 'length == 1 and .[0].error.stage == "input"' "csv: ... reported as a record"

# JSON-lines: unknown fields pass through, a bad line is an error record
printf '{"prompt":"jl one","id_ext":12345678901234567890,"nested":{"a":[1,2]}}\n{"prompt": broken\n\n{"prompt":"jl two","x":null}\n' > in.jsonl
mj-submit < in.jsonl > out 2> err; rc=$?
is "$rc" 1 "jsonl: a bad line makes the status 1"
jq_ok out 'length == 3' "jsonl: blank lines skipped, one record per line"
ok "jsonl: big numbers and nested values unchanged" grep -q '"id_ext":12345678901234567890,"nested":{"a":\[1,2\]}' out
jq_ok out 'map(select(.error)) | .[0].error.line == 2 and .[0].input == "{\"prompt\": broken"' \
    "jsonl: the bad line's number and raw text"
jq_ok out 'map(select(.prompt == "jl two"))[0] | has("x") and .x == null and .task.id != null' \
    "jsonl: null fields kept"

# plain lines, CR stripped; -f forces the format
printf 'first line\r\nsecond, with a comma\n' | mj-submit > out 2>/dev/null; rc=$?
is "$rc" 0 "lines: status 0"
jq_ok out 'map(.prompt) == ["first line","second, with a comma"] or map(.prompt) == ["second, with a comma","first line"]' \
    "lines: one prompt per line, CR stripped"
printf 'prompt\nhello\n' | mj-submit -n -f lines > out 2>/dev/null
jq_ok out 'map(.prompt) == ["prompt","hello"]' "-f lines: a header-looking line is a prompt"
printf 'title,style\nboat,ink\n' | mj-submit -n --prompt-field title > out
jq_ok out '.[0].submit.body.prompt == "boat"' "--prompt-field picks the CSV column (auto)"

# --template, and a missing field is an error for that row only
printf 'item,style\nboat,ink\nkite,\n' > t.csv
printf 'item\nlamp\n' > t2.csv
mj-submit -n -f csv --template 'a {item} in {style} --ar 3:2' t.csv t2.csv > out 2> err; rc=$?
is "$rc" 1 "template: a missing field makes the status 1"
jq_ok out 'map(select(.item == "boat"))[0].submit.body.prompt == "a boat in ink --ar 3:2"' "template: fields expanded"
jq_ok out 'map(select(.item == "kite"))[0].submit.body.prompt == "a kite in  --ar 3:2"' "template: an empty field is empty"
jq_ok out 'map(select(.item == "lamp"))[0].error | .stage == "submit" and (.message | test("style"))' \
    "template: a row without the field gets an error naming it"

# auto with --template: a CSV whose header holds the template's first field
printf 'item,style\nboat,ink\n' | mj-submit -n --template 'a {item} in {style}' > out 2>/dev/null
jq_ok out 'length == 1 and .[0].submit.body.prompt == "a boat in ink" and .[0].item == "boat"' \
    "auto: a CSV without a prompt column is found by the template's field"

# a CSV column named like a reserved field is a usage error: nothing sent
before=$(sim_stats | jq .tasks_created)
printf 'prompt,task\nx,y\n' | mj-submit > out 2> err; rc=$?
is "$rc" 2 "a reserved column name is a usage error"
ok "... with a message naming it" grep -q 'task' err
is "$(sim_stats | jq .tasks_created)" "$before" "... and nothing was sent"
done_testing
