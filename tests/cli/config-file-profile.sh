#!/bin/bash
# The config file: a profile chosen with --profile (or MJ_PROFILE) gives
# the base URL, the key file and the mode, over the top section; -v names
# where each setting came from, and never shows the key.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0
. "$top_srcdir/tests/cli/config-file-lib.sh"
a_task
mj-wait -v -i 100ms --profile sim < sub.jsonl > out 2> err
is "$?" 0 "mj-wait with the same profile"
ok "-v: the file and the profile" grep -qxF "mj-wait: config file: $conf, profile sim" err
ok "-v: base-url from the profile, with its line" grep -qxF "mj-wait: base-url $url ($conf:6 [sim])" err
ok "-v: the key from the profile's api-key-file" grep -qxF "mj-wait: key from $conf:7 [sim]" err
ok "-v: auth from the top section" grep -qxF "mj-wait: auth bearer ($conf:3)" err
ok "-v: mode from the profile" grep -qxF "mj-wait: mode RELAX ($conf:8 [sim])" err
ok "-v: settle by default" grep -qxF "mj-wait: settle 0s (MJ_SETTLE)" err
ok "-v never shows the key" sh -c "! grep -q test-key err"

MJ_PROFILE=sim mj-wait -v -i 100ms < sub.jsonl > out 2> err
is "$?" 0 "MJ_PROFILE chooses the profile too"
done_testing
