# Sourced after lib.sh and sim_start by the config-file-*.sh tests: the
# config file of $XDG_CONFIG_HOME (a dead end at the top, the simulator in
# profile [sim], the key in a file of its own), requests (what reached the
# simulator), a_task (sub.jsonl: one task made through the profile) and
# bad (a file with one mistake refused).
url=$SIM_URL
unset MJ_BASE_URL MJ_API_KEY
conf=$XDG_CONFIG_HOME/mjpipe/config
mkdir -p "${conf%/*}"
printf 'test-key\n' > key
chmod 600 key
cat > "$conf" <<CONF
# a dead end at the top: the profile must win over it
base-url = http://127.0.0.1:1
auth = bearer

[sim]
base-url = $url
api-key-file = $TEST_DIR/key
mode = relax
CONF
chmod 600 "$conf"
requests() { sim_stats | jq '[.requests[]] | add // 0'; }

# a_task: sub.jsonl holds one task, submitted through --profile sim
a_task() {
	echo 'a cat' | mj-submit --profile sim > sub.jsonl 2> err
	is "$?$(cat err)" 0 "--profile: the profile's base URL and key file are used"
	jq_ok sub.jsonl '.[0].task.id | length > 0' "... and the task was created"
}

# bad DESC CONTENT MESSAGE [ARGS...]: CONTENT in bad.conf is refused,
# exit 2, the file and line, no record
bad() {
	local desc=$1 content=$2 want=$3
	shift 3
	printf "$content" > bad.conf
	chmod 600 bad.conf
	echo 'a dog' | mj-submit --config bad.conf "$@" > out 2> err
	is "$?:$(cat err)" "2:mj-submit: $want" "$desc"
	is "$(wc -c < out)" 0 "$desc: no record"
}
# nothing_sent BEFORE: the case sent nothing (the old config-file-settings.sh
# counted this once over its seven mistakes; each mistake counts its own)
nothing_sent() { is "$(requests)" "$1" "nothing was sent"; }
