#!/bin/bash
# a full disk for mj-pack (a file size limit stands in for it): status 1,
# no archive and no .part left, every record printed with a retryable
# error.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 100
seq 1 30 | sed 's/^/res /' > prompts.txt
mj-submit < prompts.txt 2>/dev/null | mj-wait -i 100ms 2>/dev/null > done.jsonl
mj-fetch -d out < done.jsonl > fetched.jsonl 2>/dev/null

( ulimit -f 64; exec mj-pack -o big.tar fetched.jsonl ) > packed.jsonl 2> err
is "$?" 1 "mj-pack: the archive cannot be written: status 1"
ok "mj-pack: ... no archive and no .part left" test ! -e big.tar -a ! -e big.tar.part
jq_ok packed.jsonl 'length == 30 and all(.error.stage == "pack" and .error.retryable == true)' \
    "mj-pack: ... every record printed with a retryable error"
sim_stop
done_testing
