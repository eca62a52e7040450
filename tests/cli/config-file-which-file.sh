#!/bin/bash
# Which config file is read: --config names another (over MJ_CONFIG), its
# relative paths taken from its own directory; MJ_CONFIG=/dev/null reads
# no settings from a file.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0
. "$top_srcdir/tests/cli/config-file-lib.sh"
a_task
printf '[other]\nbase-url = %s\napi-key-file = key\n' "$url" > other.conf
chmod 600 other.conf
MJ_CONFIG=$conf mj-wait -i 100ms --config other.conf --profile other < sub.jsonl > out 2> err
is "$?$(cat err)" 0 "--config names another file (over MJ_CONFIG); its relative paths from its directory"
MJ_CONFIG=/dev/null MJ_BASE_URL=$url MJ_API_KEY=test-key mj-wait -v -i 100ms < sub.jsonl > out 2> err
ok "MJ_CONFIG=/dev/null: no settings from a file" grep -qxF "mj-wait: auth bearer (default)" err
done_testing
