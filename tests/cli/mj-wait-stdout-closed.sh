#!/bin/bash
# mj-wait with its standard output closed (>&-), not a reader gone: a
# record it cannot write is one message naming stdout, status 1, and the
# task is not waited for; with nothing to write, the end says the same
# (a closed stdout is never a silent success).  (Descriptor 1 used to go
# to the first file opened, OpenSSL's configuration or a socket, and the
# records with it; the run went on.)
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 30 --jitter 0
echo '{"note":"no task"}' > pass.jsonl
echo 'slow' | mj-submit > sub.jsonl 2>/dev/null
cat pass.jsonl sub.jsonl > in.jsonl
start=$SECONDS
run_prog mj-wait -i 200ms < in.jsonl >&- 2> err
is "$?" 1 "a record to write, stdout closed: status 1"
is "$(cat err)" "mj-wait: stdout: Bad file descriptor" "... one message"
ok "... the 30 s task not waited for" test $((SECONDS - start)) -lt 20
run_prog mj-wait < /dev/null >&- 2> err
is "$?" 1 "nothing to write, stdout closed: status 1"
is "$(cat err)" "mj-wait: stdout: Bad file descriptor" "... one message"
done_testing
