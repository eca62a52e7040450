#!/bin/bash
# A config file others can write is refused (they could send the key
# elsewhere): exit 2, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0
. "$top_srcdir/tests/cli/config-file-lib.sh"
before=$(requests)
printf 'mode = fast\n' > bad.conf
chmod 664 bad.conf
echo 'a dog' | mj-submit --config bad.conf > out 2> err
is "$?:$(cat err)" "2:mj-submit: bad.conf: writable by group or others, who could send the key elsewhere: chmod go-w it" \
    "a file others can write is refused"
nothing_sent "$before"
done_testing
