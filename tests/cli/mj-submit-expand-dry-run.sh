#!/bin/bash
# mj-submit -n expands permutations and --repeat in imagine prompts (issue
# 26): one job each, in order, the first group slowest, each with
# submit.expand and submit.prompt and the row's own fields; --r N cut from
# what is sent; --no-expand as written; --template's {{ }} the
# permutation's braces.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-60}
sim_start --duration 0.2 --capacity 200 --queue 200

# as a new user would try it: -f auto reads these as prompts, not JSON
printf '{red, green} bird\na {b, c} cat\n' | mj-submit -n > out 2> err
is "$?" 0 "-n: two rows of permutations, status 0"
jq_ok out 'map(.submit.body.prompt) == ["red bird", "green bird", "a b cat", "a c cat"]' \
    "-n: four jobs, in order, the first group slowest"
jq_ok out 'map(.submit.expand) == [{"index":1,"of":2},{"index":2,"of":2},{"index":1,"of":2},{"index":2,"of":2}]
    and all(.submit.prompt == .submit.body.prompt)' \
    "-n: each with submit.expand (1-based) and submit.prompt"
jq_ok out 'map(.prompt) == ["{red, green} bird", "{red, green} bird", "a {b, c} cat", "a {b, c} cat"]' \
    "-n: the row's own prompt field as written"

# --repeat: N jobs of the same prompt, the parameter cut
echo 'a lighthouse --r 3 --ar 2:3' | mj-submit -n > out 2>/dev/null
jq_ok out 'length == 3 and all(.submit.body.prompt == "a lighthouse --ar 2:3") and
    map(.submit.expand.index) == [1,2,3]' "--r 3: three jobs, --r cut from what is sent"

# --no-expand: sent exactly as written
echo 'a {x, y} z --r 2' | mj-submit -n --no-expand > out 2>/dev/null
jq_ok out 'length == 1 and .[0].submit.body.prompt == "a {x, y} z --r 2" and (.[0].submit | has("expand") | not)' \
    "--no-expand sends the prompt as written"

# after --template: the template's {{ }} are the permutation's braces
printf 'item\nboat\n' | mj-submit -n --template 'a {item} in {{ink, oil}}' > out 2>/dev/null
jq_ok out 'map(.submit.body.prompt) == ["a boat in ink", "a boat in oil"]' \
    "--template fills the fields, then the prompt is expanded"
sim_stop
done_testing
