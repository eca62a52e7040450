#!/bin/bash
# The config file: the precedence flag, environment, profile, top section,
# default; -v names where each setting came from; and each mistake (a key
# line, a file others can write, an unknown name, a bad value, a missing
# profile, a missing file) is an error naming file and line, exit 2, with
# nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0
url=$SIM_URL
unset MJ_BASE_URL MJ_API_KEY
conf=$XDG_CONFIG_HOME/mjpipe/config
mkdir -p "${conf%/*}"
printf 'test-key\n' > key
chmod 600 key
cat > "$conf" <<EOF
# a dead end at the top: the profile must win over it
base-url = http://127.0.0.1:1
auth = bearer

[sim]
base-url = $url
api-key-file = $TEST_DIR/key
mode = relax
EOF
chmod 600 "$conf"
requests() { sim_stats | jq '[.requests[]] | add // 0'; }

echo 'a cat' | mj-submit --profile sim > sub.jsonl 2> err
is "$?$(cat err)" 0 "--profile: the profile's base URL and key file are used"
jq_ok sub.jsonl '.[0].task.id | length > 0' "... and the task was created"
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
MJ_BASE_URL=$url MJ_API_KEY=test-key mj-wait -v -i 100ms < sub.jsonl > out 2> err
is "$?" 0 "the environment over the file's top section"
ok "-v: base-url from MJ_BASE_URL" grep -qxF "mj-wait: base-url $url (MJ_BASE_URL)" err
ok "-v: key from MJ_API_KEY" grep -qxF "mj-wait: key from MJ_API_KEY" err
MJ_BASE_URL=http://127.0.0.1:1 mj-wait -v -i 100ms --profile sim --base-url "$url" < sub.jsonl > out 2> err
is "$?" 0 "the flag over the environment"
ok "-v: base-url from --base-url" grep -qxF "mj-wait: base-url $url (--base-url)" err
MJ_BASE_URL=$url mj-wait -v -i 100ms --profile sim < sub.jsonl > out 2> err
ok "-v: the environment over the profile" grep -qxF "mj-wait: base-url $url (MJ_BASE_URL)" err
printf '[other]\nbase-url = %s\napi-key-file = key\n' "$url" > other.conf
chmod 600 other.conf
MJ_CONFIG=$conf mj-wait -i 100ms --config other.conf --profile other < sub.jsonl > out 2> err
is "$?$(cat err)" 0 "--config names another file (over MJ_CONFIG); its relative paths from its directory"
MJ_CONFIG=/dev/null MJ_BASE_URL=$url MJ_API_KEY=test-key mj-wait -v -i 100ms < sub.jsonl > out 2> err
ok "MJ_CONFIG=/dev/null: no settings from a file" grep -qxF "mj-wait: auth bearer (default)" err

# mistakes: exit 2, the file and line, nothing sent
before=$(requests)
bad() {	# bad DESC CONTENT MESSAGE [ARGS...]: CONTENT in bad.conf is refused
	local desc=$1 content=$2 want=$3
	shift 3
	printf "$content" > bad.conf
	chmod 600 bad.conf
	echo 'a dog' | mj-submit --config bad.conf "$@" > out 2> err
	is "$?:$(cat err)" "2:mj-submit: $want" "$desc"
	is "$(wc -c < out)" 0 "$desc: no record"
}
bad "a key line is refused, and says why" \
    "base-url = $url\nkey = test-key\n" \
    "bad.conf:2: the API key is never read from the config file, which is shared and copied more than a key should be: put it in a file of its own (chmod 600) and name that file with api-key-file"
bad "an unknown name" "colour = blue\n" \
    "bad.conf:1: unknown setting 'colour' (known: api-key-file, auth, base-url, metrics-dir, mode, settle)"
bad "a bad value" "# x\n[p]\nmode = slow\n" \
    "bad.conf:3: mode must be fast, relax or turbo: slow"
bad "a missing profile" "[p]\nmode = fast\n" "bad.conf: no profile [nope]" --profile nope
printf 'mode = fast\n' > bad.conf
chmod 664 bad.conf
echo 'a dog' | mj-submit --config bad.conf > out 2> err
is "$?:$(cat err)" "2:mj-submit: bad.conf: writable by group or others, who could send the key elsewhere: chmod go-w it" \
    "a file others can write is refused"
echo 'a dog' | mj-submit --config nofile > out 2> err
is "$?:$(cat err)" "2:mj-submit: nofile: No such file or directory" "a file named must exist"
echo 'a dog' | MJ_PROFILE=nope mj-submit > out 2> err
is "$?:$(cat err)" "2:mj-submit: $conf: no profile [nope]" "MJ_PROFILE naming no section"
is "$(requests)" "$before" "nothing was sent for any of these"
done_testing
