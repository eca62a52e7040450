#!/bin/bash
# Secrets: the API key never appears in stdout, stderr (at any -v level),
# the journal, the events file, error records or the archive; a key file
# that others can read draws a warning.
. "$top_srcdir/tests/cli/lib.sh"
KEY=sk-zz-secret-7f3a9c
sim_start --duration 0.2 --capacity 50 --key "$KEY" --image-host localhost
export MJ_API_KEY=$KEY
printf 'prompt\none\ntwo\nforbidden three\n' > p.csv
mj-submit -vvv --journal run.journal p.csv 2> e1 |
    mj-wait -vvv -i 100ms --events ev.jsonl 2> e2 |
    mj-fetch -vvv -d out 2> e3 |
    mj-pack -vvv --gallery -o out.tar.gz > out.jsonl 2> e4
jq_ok out.jsonl 'length == 3 and (map(select(.files)) | length) == 2' "the pipeline ran, -vvv everywhere"
ok "-vvv says something" test -s e1 -a -s e2 -a -s e3
ok "stderr mentions the auth header, redacted" grep -rq '\*\*\*' e1 e2 e3 e4
# a wrong key: refused, and the wrong key is not printed either
echo x | MJ_API_KEY=sk-wrong-key-123 mj-submit -vvv > bad.jsonl 2> e5
ok "a refused key is not printed" sh -c "! grep -q 'sk-wrong-key-123' e5 bad.jsonl"
mkdir x && bsdtar -xf out.tar.gz -C x
leaks=$(grep -rlF "$KEY" e1 e2 e3 e4 e5 out.jsonl bad.jsonl run.journal ev.jsonl out x 2>/dev/null)
is "$leaks" "" "the key is nowhere: stdout, stderr, journal, events, files, archive"
is "$(sim_stats | jq .image_requests_with_auth)" 0 "the key was not sent to the image host"

# key files: read from a file, warned about when others can read it
printf '%s\n' "$KEY" > key; chmod 600 key
echo 'from a key file' | env -u MJ_API_KEY mj-submit --api-key-file key > o.jsonl 2> w1
jq_ok o.jsonl '.[0].task.id != null' "--api-key-file works"
is "$(cat w1)" "" "a 600 key file: no warning"
chmod 644 key
echo 'loose key file' | env -u MJ_API_KEY mj-submit --api-key-file key > o.jsonl 2> w2
ok "a 644 key file: a warning" grep -qi 'key' w2
ok "... without the key in it" sh -c "! grep -qF '$KEY' w2"
echo x | env -u MJ_API_KEY mj-submit --api-key=sk-on-the-command-line > o.jsonl 2> w3
is "$?" 2 "the key is never taken on the command line"
done_testing
