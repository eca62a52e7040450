#!/bin/bash
# A one-character API key is redacted as a word, not inside words.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
MJ_API_KEY=o MJ_MODE=bogus mj-submit -n < /dev/null > /dev/null 2> err
is "$(head -1 err)" "mj-submit: MJ_MODE must be fast, relax or turbo: bogus" \
    "a one-character key is not redacted inside other words"
sim_stop
done_testing
