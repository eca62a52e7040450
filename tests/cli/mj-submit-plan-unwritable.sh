#!/bin/bash
# mj-submit --plan FILE where FILE cannot be written (its directory is
# missing): the records are written out as usual, the plan's failure is
# said at the end, status 1.
. "$top_srcdir/tests/cli/lib.sh"
echo "a paper boat" | mj-submit -n --plan nodir/plan.json > out.jsonl 2> err
is "$?" 1 "status 1"
jq_ok out.jsonl 'length == 1 and .[0].submit.dryRun == true' "the record written out"
ok "the plan's file named on stderr" grep -q "mj-submit: .*nodir/plan.json" err
ok "no plan written" test ! -e nodir/plan.json
done_testing
