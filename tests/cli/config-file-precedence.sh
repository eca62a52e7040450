#!/bin/bash
# The config file's place among the sources of a setting: the flag over
# the environment, the environment over the profile and over the top
# section; -v says which one gave it.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0
. "$top_srcdir/tests/cli/config-file-lib.sh"
a_task
MJ_BASE_URL=$url MJ_API_KEY=test-key mj-wait -v -i 100ms < sub.jsonl > out 2> err
is "$?" 0 "the environment over the file's top section"
ok "-v: base-url from MJ_BASE_URL" grep -qxF "mj-wait: base-url $url (MJ_BASE_URL)" err
ok "-v: key from MJ_API_KEY" grep -qxF "mj-wait: key from MJ_API_KEY" err
MJ_BASE_URL=http://127.0.0.1:1 mj-wait -v -i 100ms --profile sim --base-url "$url" < sub.jsonl > out 2> err
is "$?" 0 "the flag over the environment"
ok "-v: base-url from --base-url" grep -qxF "mj-wait: base-url $url (--base-url)" err
MJ_BASE_URL=$url mj-wait -v -i 100ms --profile sim < sub.jsonl > out 2> err
ok "-v: the environment over the profile" grep -qxF "mj-wait: base-url $url (MJ_BASE_URL)" err
done_testing
