#!/bin/bash
# mj-submit: a row that expands over --max-jobs, or is malformed
# (unbalanced braces, an empty option), is one input error naming what is
# wrong, and the rest goes on; --max-jobs raises the cap; a row of a
# million jobs is refused whole and nothing of it is sent.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-60}
sim_start --duration 0.2 --capacity 200 --queue 200

printf '%s\n' '{a,b,c,d,e,f,g} {h,i,j,k,l,m,n}' 'a {b, c' 'x {} y' 'fine' |
    mj-submit -n > out 2> err
is "$?" 1 "a row over --max-jobs, unbalanced braces, an empty option: status 1"
jq_ok out 'length == 4 and (.[0].error | .stage == "input" and .line == 1 and
    .message == "the prompt makes 49 jobs, over --max-jobs 40; nothing of it was sent")' \
    "over --max-jobs 40: one input error with the count"
jq_ok out '(.[1].error | .stage == "input" and (.message | test("never closed"))) and
    (.[2].error | .stage == "input" and (.message | test("empty option")))' \
    "unbalanced braces, an empty option: input errors naming what is wrong"
jq_ok out '.[3].submit.body.prompt == "fine"' "... and the next row still goes"
ok "... each said on stderr with its line" grep -q '^mj-submit: line 2: unbalanced braces' err
printf '{a,b,c,d,e,f,g} {h,i,j,k,l,m,n}\n' | mj-submit -n --max-jobs 49 > out 2>/dev/null
jq_ok out 'length == 49' "--max-jobs 49 lets 49 jobs through"
n0=$(sim_stats | jq '.requests | add')
printf '{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}{0,1,2,3,4,5,6,7,8,9}\n' |
    mj-submit > out 2>/dev/null
jq_ok out 'length == 1 and (.[0].error.message | startswith("the prompt makes 1000000 jobs"))' \
    "a row of a million jobs is refused whole"
is "$(sim_stats | jq '.requests | add')" "$n0" "... and nothing of it is sent"
sim_stop
done_testing
