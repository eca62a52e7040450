#!/bin/bash
# samples/scale-out.sh across two machines, for real: two sshd on loopback
# (own ports, host keys, an authorized key made here, no password, running
# as the current user), each a "host" with mjpipe installed by make install
# DESTDIR= into its own prefix, on the PATH of its ssh sessions, and its own
# home directory (a ForceCommand starts each session there, as a login on
# another machine would).  Every prompt ends with exactly one task, the
# records merge, a rerun resubmits nothing, and the key reaches the hosts
# without appearing in any process's arguments.
TEST_TIMEOUT=${TEST_TIMEOUT:-300}	# read by lib.sh's watchdog
. "$top_srcdir/tests/cli/lib.sh"

for c in /usr/sbin/sshd ssh ssh-keygen parallel jq make; do
	command -v "$c" >/dev/null ||
	    skip_all "$c is not installed (.ci/run installs openssh-server, openssh-client and parallel)"
done
# sshd run by root needs its privilege separation directory, made by the
# service's start (absent where the service never ran, as in CI)
if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
	mkdir -p /run/sshd && chmod 755 /run/sshd
fi

KEY=sk-scaleout-$$-$RANDOM$RANDOM
sim_start --duration 0.4 --jitter 0.1 --capacity 24 --queue 200 \
    --image-bytes 4096 --key "$KEY"
unset MJ_API_KEY
( umask 077 && printf '%s\n' "$KEY" > "$TEST_DIR/key" )
MJ_API_KEY_FILE=$TEST_DIR/key
export MJ_API_KEY_FILE

free_port() {
	"$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

ssh-keygen -q -t ed25519 -N '' -C mjtest -f "$TEST_DIR/id" || exit 99
cp "$TEST_DIR/id.pub" "$TEST_DIR/authorized_keys"
: > "$TEST_DIR/known_hosts"
cat > "$TEST_DIR/ssh_config" <<EOF
Host *
	User $(id -un)
	HostName 127.0.0.1
	IdentityFile $TEST_DIR/id
	IdentitiesOnly yes
	UserKnownHostsFile $TEST_DIR/known_hosts
	StrictHostKeyChecking yes
	BatchMode yes
	ConnectTimeout 10
	LogLevel ERROR
EOF
unset MAKEFLAGS MFLAGS MAKELEVEL
for h in host1 host2; do
	d=$TEST_DIR/$h
	mkdir -p "$d/home" "$d/etc"
	make -s -C "$top_builddir" install DESTDIR="$d/root" > "$d/install.log" 2>&1 ||
	    { echo "Bail out! make install DESTDIR=$d/root failed"; cat "$d/install.log"; exit 1; }
	bin=$(dirname "$(find "$d/root" -name mj-submit -type f | head -1)")
	ssh-keygen -q -t ed25519 -N '' -f "$d/etc/host_key" || exit 99
	echo "$h $(cat "$d/etc/host_key.pub")" >> "$TEST_DIR/known_hosts"
	port=$(free_port)
	# StrictModes no: the test's files lie under /tmp, which anyone may
	# write to; UsePAM no: no password, no PAM session for a test user
	cat > "$d/etc/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $d/etc/host_key
PidFile $d/etc/sshd.pid
AuthorizedKeysFile $TEST_DIR/authorized_keys
AllowUsers $(id -un)
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
SetEnv PATH=$bin:/usr/bin:/bin HOME=$d/home
ForceCommand cd "\$HOME" && exec /bin/sh -c "\$SSH_ORIGINAL_COMMAND"
EOF
	/usr/sbin/sshd -D -e -f "$d/etc/sshd_config" 2> "$d/sshd.log" &
	_sim_pids="$_sim_pids $!"	# stopped with the simulators at exit
	printf 'Host %s\n\tPort %s\n\tHostKeyAlias %s\n' "$h" "$port" "$h" >> "$TEST_DIR/ssh_config.hosts"
	eval "${h}_bin=\$bin"
done
cat "$TEST_DIR/ssh_config.hosts" "$TEST_DIR/ssh_config" > "$TEST_DIR/ssh_config.all"
PARALLEL_SSH="ssh -F $TEST_DIR/ssh_config.all"
export PARALLEL_SSH
for h in host1 host2; do
	if ! wait_until 15 $PARALLEL_SSH "$h" true; then
		echo "Bail out! sshd of $h did not let us in"
		cat "$TEST_DIR/$h/sshd.log"
		$PARALLEL_SSH -v "$h" true 2>&1 | tail -20
		exit 1
	fi
	is "$($PARALLEL_SSH "$h" 'command -v mj-submit')" "$(eval echo "\$${h}_bin")/mj-submit" \
	    "$h: ssh with its own key, no password; mj-submit is its own install"
done

# 48 prompts, cut in blocks of about seven lines
for i in $(seq -w 1 48); do
	printf '{"sku":"S-%s","prompt":"scale-out prompt %s, a lighthouse in fog --ar 3:2"}\n' "$i" "$i"
done > prompts.jsonl
cp "$top_srcdir/samples/scale-out.sh" .
chmod +x scale-out.sh

# the key must never be in any process's arguments (the simulator's own
# --key aside: it stands for the service): every /proc/*/cmdline, read
# again and again while the pipeline runs
scan() {
	"$PYTHON3" - "$TEST_DIR/key" "$SIM_PID" "$TEST_DIR/scan.stop" "$1" <<'PY'
import os, sys, time
key = open(sys.argv[1], "rb").read().strip()
skip = {sys.argv[2], str(os.getpid())}
seen, rounds, leaks = set(), 0, []
deadline = time.time() + 500
while not os.path.exists(sys.argv[3]) and time.time() < deadline:
    if rounds == 1:
        open(sys.argv[4] + ".ready", "w").close()
    rounds += 1
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or pid in skip:
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                args = f.read()
        except OSError:
            continue
        if args.startswith(b"mj-") or b"/mj-" in args or b"ssh" in args:
            seen.add(pid)
        if key in args:
            leaks.append("%s: %s" % (pid, args.replace(b"\0", b" ").decode(errors="replace")))
    time.sleep(0.02)
with open(sys.argv[4], "w") as f:
    f.write("%d %d\n" % (rounds, len(seen)))
    for line in leaks:
        f.write(line + "\n")
PY
}
run_scaled() {	# run_scaled LOG ARGS...: scale-out.sh with the key scanner on
	local log=$1
	shift
	rm -f "$TEST_DIR/scan.stop"
	scan "$TEST_DIR/scan.$log" &
	local scanner=$!
	wait_until 60 test -e "$TEST_DIR/scan.$log.ready" ||
	    echo "# the scanner did not start"
	./scale-out.sh "$@" > "$log.out" 2> "$log.err"
	local rc=$?
	touch "$TEST_DIR/scan.stop"
	wait "$scanner"
	return "$rc"
}
key_checks() {	# key_checks LOG
	local s=$TEST_DIR/scan.$1 rounds procs
	read -r rounds procs < "$s"
	[ "$rounds" -ge 5 ] && [ "$procs" -ge 4 ]
	_result $? "$1: /proc/*/cmdline read $rounds times while it ran, $procs pipeline or ssh processes seen"
	is "$(tail -n +2 "$s" | wc -l)" 0 "$1: the key in no process's arguments"
	tail -n +2 "$s" | head -5 | sed 's/^/#   /'
	ok "$1: the key is removed from the hosts at the end" \
	    test -z "$(find "$TEST_DIR/host1/home" "$TEST_DIR/host2/home" -name 'key*')"
}

# the scanner can fail: a process with the key in its arguments is caught
"$PYTHON3" -c 'import time; time.sleep(100)' "planted-$KEY" &
planted=$!
rm -f "$TEST_DIR/scan.stop"
scan "$TEST_DIR/scan.probe" &
scanner=$!
wait_until 60 test -e "$TEST_DIR/scan.probe.ready"
touch "$TEST_DIR/scan.stop"
wait "$scanner"
kill "$planted"
grep -q "planted-" "$TEST_DIR/scan.probe"
_result $? "the scan of /proc/*/cmdline finds a key planted in arguments"

run_scaled run1 --sshlogin host1,host2 prompts.jsonl out 4 600
is "$?" 0 "scale-out.sh --sshlogin host1,host2 succeeds"
sed 's/^/#   /' run1.err | head -20
jq_ok out/records.jsonl 'length == 48 and all(.task.status == "SUCCESS" and (.files | length) >= 1)
    and (map(.task.id) | unique | length) == 48 and (map(.sku) | unique | length) == 48' \
    "the records merge: 48 prompts, 48 tasks, each done and downloaded"
sim_stats > stats1.json
diag "$(jq -c "{tasks_created, auth_failures, n: (.submissions | length), max: ([.submissions[]] | max)}" stats1.json)"
jq_ok stats1.json '.[0] | .tasks_created == 48 and (.submissions | length) == 48 and
    all(.submissions[]; . == 1) and .auth_failures == 0' \
    "every prompt ends with exactly one task, sent with the key"
jq_ok out/packed.jsonl 'length == 48 and all(.archive.path != null)' "... merged and packed once"
rd=mjpipe/$(uname -n)$TEST_DIR/out	# the recipe's directory on a host
h1=$(ls "$TEST_DIR"/host1/home/"$rd"/part-*.journal 2>/dev/null | wc -l)
h2=$(ls "$TEST_DIR"/host2/home/"$rd"/part-*.journal 2>/dev/null | wc -l)
[ "$h1" -ge 2 ] && [ "$h2" -ge 2 ]
_result $? "both hosts worked, each keeping its journals ($h1 and $h2 blocks)"
odd=$(cd "$TEST_DIR/host1/home/$rd" && ls part-*.journal | tr -dc '0-9\n' | awk '$1 % 2 == 0' | wc -l)
is "$odd" 0 "blocks 1, 3, 5... on host1, the others on host2"
is "$(ls out/part-*.journal 2>/dev/null | wc -l)" 0 "no journal on this machine: each stays on its host"
key_checks run1

# the rerun takes the key from MJ_API_KEY instead of a file
( unset MJ_API_KEY_FILE; MJ_API_KEY=$KEY; export MJ_API_KEY
  run_scaled run2 --sshlogin host1,host2 prompts.jsonl out 4 600 )
is "$?" 0 "the same command again (the key in MJ_API_KEY) succeeds"
is "$(sim_stats | jq .tasks_created)" 48 "the rerun submits nothing"
is "$(sim_stats | jq '[.submissions[]] | max')" 1 "... no prompt twice"
jq_ok out/packed.jsonl 'length == 48 and all(.submit.resumed)' \
    "... every record resumed from its block's journal on its host"
key_checks run2

./scale-out.sh --sshlogin host2,host1 prompts.jsonl out 4 600 > run3.out 2> run3.err
is "$?" 2 "hosts in another order: refused (the blocks' journals are elsewhere)"
grep -q 'rerun with the same BLOCK and hosts' run3.err
_result $? "... saying why"
is "$(sim_stats | jq .tasks_created)" 48 "... and nothing sent"
done_testing
