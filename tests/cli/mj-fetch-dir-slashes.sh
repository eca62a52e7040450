#!/bin/bash
# mj-fetch -d out// : trailing slashes of the directory are one; the
# records' paths read out/NAME, and the files are there.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.1 --jitter 0
echo 'one' | mj-submit 2>/dev/null | mj-wait -i 100ms 2>/dev/null > tasks
run_prog mj-fetch -d out// < tasks > got 2> err
is "$?" 0 "status 0"
jq_ok got '.[0].files | length == 1 and (.[0].path | test("^out/[^/]+$"))' "the path: out/NAME"
ok "the file is there" test -s "$(jq -r '.files[0].path' got)"
sim_stop
done_testing
