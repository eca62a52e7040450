#!/bin/bash
# Every command of the EXAMPLES sections of the manual pages is run, as jq
# runs its manual: each `.Bd -literal` ... `.Ed` block under `.Sh EXAMPLES`
# becomes a script, run with bash -e -o pipefail in a scratch directory of
# its own that holds the files the examples read (fixtures made here
# against one simulator: prompts.csv, done.jsonl, fetched.jsonl ...).
# Each must exit 0 and leave some output: standard output, a file made or
# changed in its directory, or a server it started still running.
#
# In the manual source, a roff comment before a block changes that:
#	.\" example: skip REASON	not run (REASON is printed)
#	.\" example: status N		N is the documented exit status
# The test stands in for what is not on a test machine: `ssh HOST CMD`
# runs CMD here, `xdg-open FILE` checks that FILE exists, `mjpipe-sim` is
# tests/mjsim/mjsim, port 8080 is a free port, and the installed
# /usr/share/doc/mjpipe/examples/ is samples/.
TEST_TIMEOUT=${TEST_TIMEOUT:-480}	# before lib.sh, whose watchdog reads it
. "$top_srcdir/tests/cli/lib.sh"
pages="mj-submit.1 mj-wait.1 mj-fetch.1 mj-pack.1 mjpipe.7 mjpipe-sim.1"

# ---- the examples, one script each ----------------------------------------
mkdir ex
for p in $pages; do
	"$PYTHON3" - "$top_srcdir/man/$p" "ex/${p%.*}" <<'PY' || exit 1
import re, sys
src, stem = sys.argv[1], sys.argv[2]
inex = inblock = False
marks, n, body = [], 0, []
for line in open(src, encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith(".Sh "):
        inex = line.split(None, 1)[1] == "EXAMPLES"
        continue
    if not inex:
        continue
    m = re.match(r'\.\\" example: (.*)', line)
    if m and not inblock:
        marks.append(m.group(1))
    elif line.startswith(".Bd -literal"):
        inblock, body = True, []
    elif line == ".Ed" and inblock:
        inblock, n = False, n + 1
        text = "\n".join(body) + "\n"
        for roff, plain in ((r"\(dq", '"'), (r"\&", ""), (r"\-", "-"),
                            (r"\e", "\\")):
            text = text.replace(roff, plain)
        with open("%s-%02d.sh" % (stem, n), "w") as f:
            f.write(text)
        with open("%s-%02d.marks" % (stem, n), "w") as f:
            f.write("".join(x + "\n" for x in marks))
        marks = []
    elif inblock:
        body.append(line)
PY
done
for p in mj-submit mj-wait mj-fetch mj-pack mjpipe; do
	ok "$p: EXAMPLES has blocks" test -s "ex/$p-01.sh"
done

# ---- stand-ins for another host, a browser, the installed simulator -------
mkdir stub
cat > stub/ssh <<'EOF'
#!/bin/sh
# ssh [options] HOST COMMAND...: COMMAND runs here
while [ $# -gt 0 ]; do
	case $1 in -[bcDEeFIiJLlmOopQRSWw]) shift 2 ;; -*) shift ;; *) break ;; esac
done
shift
exec sh -c "$*"
EOF
cat > stub/xdg-open <<'EOF'
#!/bin/sh
test -s "$1"
EOF
sim=$top_builddir/mjpipe-sim	# the installed copy, once built
[ -x "$sim" ] || sim=$top_srcdir/tests/mjsim/mjsim
cat > stub/mjpipe-sim <<EOF
#!/bin/sh
exec "$PYTHON3" "$sim" --max-seconds 120 "\$@"
EOF
chmod +x stub/*
PATH=$TEST_DIR/stub:$PATH

# ---- the fixtures: the files the examples read ----------------------------
sim_start --duration 0.3 --jitter 0.1 --capacity 50 --image-bytes 4096 \
    --grid-size 64x48
mkdir fix
(
	set -e -o pipefail
	cd fix
	# first, so that the simulator's first two task ids are the ones
	# mj-wait(1) waits for
	mj-submit < "$top_srcdir/samples/prompts.csv" > submitted.jsonl
	cp "$top_srcdir/samples/prompts.csv" "$top_srcdir/samples/items.csv" .
	cp "$top_srcdir/samples/reference.png" ref.png
	cp ref.png a.png; cp ref.png b.png; cp ref.png sail.png
	convert ref.png photo.jpg 2>/dev/null || vips copy ref.png photo.jpg
	printf '%s\n' 'a paper boat' 'a tin robot, sim:dur=0.2' > prompts.txt
	echo 'a very detailed photograph of a small red paper boat floating on calm water at sunrise, soft light, mist' > long.txt
	# a run with one failure in mj-wait (a task the server forgot), for
	# "retry the failures"
	{ cat prompts.csv; echo 'C-1,"a vase",'; } | mj-submit > run.jsonl
	sim_post /_sim/forget "$(jq -s -c '{ids: [.[-1].task.id]}' run.jsonl)" \
	    > /dev/null
	mj-wait < run.jsonl > done.jsonl || :
	rm run.jsonl
	jq -e -s 'any(.error.stage == "wait")' done.jsonl >/dev/null
	jq -c 'select(.task.status == "SUCCESS")' done.jsonl > grids.jsonl
	mj-fetch -d out < grids.jsonl > fetched.jsonl
	cp done.jsonl yesterday.jsonl
	mj-fetch --split -d split < grids.jsonl > split.jsonl
	echo 'a paper boat' | mj-submit | mj-wait | mj-submit --action U1 |
	    mj-wait > upscaled.jsonl
	# a spent quota: records that may be retried
	sim_post /_sim/quota '{"tasks":1}' > /dev/null
	mj-submit < prompts.txt > results.jsonl || :
	sim_post /_sim/quota '{"tasks":null}' > /dev/null
	jq -e -s 'any(.error.retryable)' results.jsonl >/dev/null
) > fixtures.log 2>&1
ok "the fixtures are made" test $? = 0 || sed 's/^/#   /' fixtures.log | tail -20
find fix -exec touch -d '-1 min' {} +

# ---- run each example ------------------------------------------------------
for b in ex/*.sh; do
	name=$(basename "$b" .sh)
	title="$name: $(head -1 "$b" | cut -c1-50)"
	marks=${b%.sh}.marks
	reason=$(sed -n 's/^skip //p' "$marks")
	if [ -n "$reason" ]; then
		echo "ok $((_tap_n += 1)) - $title # SKIP $reason"
		continue
	fi
	want=$(sed -n 's/^status //p' "$marks")
	d=$TEST_DIR/run/$name
	mkdir -p "$d"
	cp -a fix/. "$d/"
	port=$(free_port)
	{
		# background jobs (a simulator) must still run at the end,
		# then are stopped
		echo "trap 'j=\$(jobs -p); [ -z \"\$j\" ] || { sleep 1;" \
		    "kill \$j && echo alive > \"$d.bg\"; }' EXIT"
		# an example runs as a user would: make check's own srcdir
		# (relative to the build tree) must not reach samples/demo.sh
		echo "unset srcdir bindir"
		sed -e "s/8080/$port/g" \
		    -e "s|/usr/share/doc/mjpipe/examples/|$top_srcdir/samples/|g" "$b"
	} > "$d.sh"
	touch "$d.stamp"
	(cd "$d" && bash -e -o pipefail "$d.sh" > "$d.out" 2> "$d.err")
	rc=$?
	is "$rc" "${want:-0}" "$title"
	[ "$rc" = "${want:-0}" ] || sed 's/^/#   /' "$d.err" | head -20
	made=$(find "$d" -newer "$d.stamp" -type f | head -1)
	ok "$name: leaves some output" test -s "$d.out" -o -n "$made" -o -s "$d.bg"
done
done_testing
