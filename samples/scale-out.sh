#!/bin/bash
# Scale out with GNU parallel: split a large JSON-lines input into blocks,
# run one pipeline per block, each with its own journal, and merge the
# records.  Rerunning the same command (same input, same BLOCK, same hosts)
# resubmits nothing: block N always gets journal part-N.journal, on the
# same host.
#
#   samples/scale-out.sh [--sshlogin HOST,HOST...] prompts.jsonl out/ [JOBS] [BLOCK]
#
# Several keys: put one key per file in keys/ and use the slot number
# ({%}, 1..JOBS) to pick one:  MJ_API_KEY_FILE='keys/{%}'  (this machine).
# Several hosts: --sshlogin host1,host2 (or SSHLOGIN=host1,host2; ':' is
# this machine).  Block N goes to host number (N-1) mod HOSTS, so that a
# rerun finds its journal: rerun with the same host list, in the same order
# (OUTDIR/.scale-out remembers it and a different one is refused).  On each
# host, mjpipe must be on the PATH of ssh sessions; its journals stay in
# ~/mjpipe/THIS-MACHINE/FULL/PATH/OF/OUTDIR (REMOTE_DIR to change it, a
# path relative to the login directory), and the key (from
# MJ_API_KEY_FILE or MJ_API_KEY) is copied there through ssh's standard
# input, never a command line, and removed when the run ends.  The hosts
# submit and wait; this machine downloads, merges and packs.  MJ_BASE_URL
# and every other MJ_ setting go along; ssh is $PARALLEL_SSH if set (as for
# GNU parallel: e.g. "ssh -F my_config").
# JSON-lines, not CSV: --pipe cuts between lines, and a CSV field may span
# lines.
set -euo pipefail
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
read -r -a ssh <<< "${PARALLEL_SSH:-ssh}"
q() { printf '%q' "$1"; }

# the settings that go to a host (never the key itself: that goes on stdin)
remote_env() {
	local v
	for v in $(compgen -e); do
		case $v in
		MJ_API_KEY|MJ_API_KEY_FILE|MJ_SCALE_*) ;;
		MJ_*) printf '%s=%s ' "$v" "$(q "${!v}")" ;;
		esac
	done
}

# one block, on standard input: its pipeline on its host
job() {
	local n=$1 list host
	IFS=, read -r -a list <<< "$MJ_SCALE_HOSTS"
	host=${list[$(( (n - 1) % ${#list[@]} ))]}
	if [ "$host" = : ]; then
		mj-submit -q --journal "$MJ_SCALE_OUT/part-$n.journal" | mj-wait -q |
		    mj-fetch -q -d "$MJ_SCALE_OUT/images"
	else
		"${ssh[@]}" "$host" "cd $(q "$MJ_SCALE_RDIR") &&
		    $(remote_env)MJ_API_KEY_FILE=key mj-submit -q --journal part-$n.journal |
		    $(remote_env)MJ_API_KEY_FILE=key mj-wait -q" |
		    mj-fetch -q -d "$MJ_SCALE_OUT/images"
	fi
}
if [ "${1:-}" = --job ]; then
	job "$2"
	exit
fi

usage="usage: scale-out.sh [--sshlogin HOST,...] INPUT.jsonl OUTDIR [JOBS] [BLOCK]"
hosts=${SSHLOGIN:-:}
if [ "${1:-}" = --sshlogin ] || [ "${1:-}" = -S ]; then
	hosts=${2:?$usage}
	shift 2
fi
in=${1:?$usage}
out=${2:?$usage}
jobs=${3:-4}
block=${4:-64k}
mkdir -p "$out"
out=$(cd "$out" && pwd)
# on a host: under ~/mjpipe, named after this machine and OUTDIR (unique)
rdir=${REMOTE_DIR:-mjpipe/$(uname -n)$out}

# block N's journal is where block N ran: a rerun must cut and place alike
conf="block=$block hosts=$hosts"
if [ -f "$out/.scale-out" ] && [ "$(cat "$out/.scale-out")" != "$conf" ]; then
	echo "scale-out.sh: $out was run with $(cat "$out/.scale-out");" \
	    "rerun with the same BLOCK and hosts, or each block's journal is" \
	    "not found and its prompts are paid twice" >&2
	exit 2
fi
printf '%s\n' "$conf" > "$out/.scale-out"

# the key to each remote host, through ssh's standard input
remotes=$(tr , '\n' <<< "$hosts" | grep -vx ':' | sort -u || :)
drop_keys() {
	local h
	for h in $remotes; do
		"${ssh[@]}" "$h" "rm -f $(q "$rdir")/key" < /dev/null || :
	done
}
trap drop_keys EXIT
for h in $remotes; do
	put="umask 077 && mkdir -p $(q "$rdir") && cd $(q "$rdir") &&
	    cat > key.tmp && mv key.tmp key"
	if [ -n "${MJ_API_KEY_FILE:-}" ]; then
		"${ssh[@]}" "$h" "$put" < "$MJ_API_KEY_FILE"
	elif [ -n "${MJ_API_KEY:-${COMETAPI_KEY:-}}" ]; then
		printf '%s\n' "${MJ_API_KEY:-$COMETAPI_KEY}" | "${ssh[@]}" "$h" "$put"
	else
		echo "scale-out.sh: no key to send to $h: set MJ_API_KEY_FILE or MJ_API_KEY" >&2
		exit 2
	fi
done

MJ_SCALE_HOSTS=$hosts MJ_SCALE_OUT=$out MJ_SCALE_RDIR=$rdir
export MJ_SCALE_HOSTS MJ_SCALE_OUT MJ_SCALE_RDIR
# a key per slot ({%}) is a command-line template for parallel to fill in
keyfile=""
case ${MJ_API_KEY_FILE:-} in
*'{%}'*) keyfile="MJ_API_KEY_FILE=$(q "${MJ_API_KEY_FILE%%\{%\}*}"){%}$(q \
    "${MJ_API_KEY_FILE#*\{%\}}") " ;;
esac
status=0
parallel --pipe --block "$block" -j "$jobs" \
    "$keyfile$(q "$self") --job {#}" < "$in" > "$out/records.jsonl" || status=$?
mj-pack -q -o "$out/images.tar.gz" < "$out/records.jsonl" > "$out/packed.jsonl" ||
    status=1
jq -r -s '"\(length) records, \(map(select(.error)) | length) with errors"' \
    "$out/packed.jsonl"
[ "$status" -eq 0 ]
