#!/bin/bash
# mj-submit -n on an expanded row that carries a "submit" of its own (a
# record fed back in): each job's record has the new submit in the old
# one's place (json-c keeps it), the other fields as they were.
. "$top_srcdir/tests/cli/lib.sh"
echo '{"prompt":"a {red, blue} bird","submit":{"old":1},"sku":2}' |
    mj-submit -n > out.jsonl 2> err
is "$?" 0 "status 0"
is "$(jq -c 'keys_unsorted' out.jsonl | sort -u)" '["prompt","submit","sku"]' \
    "each record: its fields in their places, submit where it was"
jq_ok out.jsonl 'map(.submit | [.dryRun, .prompt, .expand.index, has("old")]) ==
    [[true, "a red bird", 1, false], [true, "a blue bird", 2, false]]' \
    "... the new submit of each job, the old one gone"
done_testing
