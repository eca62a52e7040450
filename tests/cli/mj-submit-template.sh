#!/bin/bash
# mj-submit --template: fields expanded, an empty field empty, a row
# without the field an error naming it; -f auto finds a CSV without a
# prompt column by the template's first field.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20
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
done_testing
