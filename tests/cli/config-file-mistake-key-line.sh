#!/bin/bash
# A config file with a key line is refused, saying why: exit 2, the file
# and line, no record, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0
. "$top_srcdir/tests/cli/config-file-lib.sh"
before=$(requests)
bad "a key line is refused, and says why" \
    "base-url = $url\nkey = test-key\n" \
    "bad.conf:2: the API key is never read from the config file, which is shared and copied more than a key should be: put it in a file of its own (chmod 600) and name that file with api-key-file"
nothing_sent "$before"
done_testing
