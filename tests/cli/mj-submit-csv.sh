#!/bin/bash
# mj-submit reads CSV: a BOM, CRLF, quoted commas, doubled quotes, an
# embedded line break, UTF-8 and empty fields come out byte-identical, the
# input's fields first; a short row or an open quote at the end is an
# error record naming the line while the rest goes on (status 1).
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
done_testing
