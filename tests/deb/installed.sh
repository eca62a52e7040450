#!/bin/bash
# The Debian package as a user gets it: after `apt-get install
# ./mjpipe_*.deb`, the installed programs alone (PATH holds only /usr/bin
# and /bin, never a build tree) have their manual pages and completion,
# and run the demo pipeline of the installed examples against mjpipe-sim.
# TAP on stdout; .ci/run counts its test points.
#   tests/deb/installed.sh           the installed package
#   root=DIR tests/deb/installed.sh  a package unpacked with dpkg -x DIR
set -u
root=${root:-}
bin=$root/usr/bin
examples=$root/usr/share/doc/mjpipe/examples
PATH=$bin:/usr/bin:/bin
export PATH
unset srcdir MJ_API_KEY COMETAPI_KEY MJ_API_KEY_FILE MJ_BASE_URL MJ_AUTH MJ_MODE
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mjdeb.XXXXXX") || exit 99
trap 'cd / && rm -rf "$tmp"' EXIT
n=0 failed=0
check() {	# check STATUS DESC
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

if [ -z "$root" ]; then
	dpkg-query -W -f='${Status}' mjpipe 2>/dev/null | grep -q 'install ok installed'
	check $? "the package mjpipe is installed"
fi
version=$(dpkg-parsechangelog -l "$(dirname "$0")/../../debian/changelog" \
    -S Version 2>/dev/null || :)
for p in mj-submit mj-wait mj-fetch mj-pack mjpipe-sim; do
	out=$("$bin/$p" --version 2>&1)
	check $? "$p --version runs from $bin"
	[ -z "$version" ] || printf '%s\n' "$out" | head -1 | grep -qF "$version"
	check $? "$p --version says ${version:-its version}"
	[ -f "$root/usr/share/man/man1/$p.1.gz" ]
	check $? "$p has its manual page"
done
[ -f "$root/usr/share/man/man7/mjpipe.7.gz" ]; check $? "mjpipe(7) is installed"
[ -f "$root/usr/share/bash-completion/completions/mjpipe.bash" ] &&
    [ -L "$root/usr/share/bash-completion/completions/mj-submit" ]
check $? "the bash completion is installed, under each program's name"
[ -f "$root/usr/share/zsh/vendor-completions/_mjpipe" ]
check $? "the zsh completion is installed where zsh looks"
[ -f "$root/usr/share/fish/vendor_completions.d/mjpipe.fish" ] &&
    [ -L "$root/usr/share/fish/vendor_completions.d/mj-submit.fish" ]
check $? "the fish completion is installed, under each program's name"
[ -x "$examples/demo.sh" ] && [ -f "$examples/prompts.csv" ] &&
    [ -x "$examples/scale-out.sh" ]
check $? "the samples are in $examples"

# the demo, from an empty directory, with nothing of a source tree around
cd "$tmp" || exit 99
timeout 300 env bindir="$bin" out="$tmp/out" sh "$examples/demo.sh" \
    > demo.log 2>&1
rc=$?
check $rc "the installed demo.sh runs the pipeline"
[ $rc -eq 0 ] || sed 's/^/#   /' demo.log | tail -20
# records, not lines: a quoted CSV field may span lines
prompts=$(python3 -c 'import csv, sys
print(sum(1 for _ in csv.DictReader(open(sys.argv[1], newline=""))))' \
    "$examples/prompts.csv")
got=$(jq -s 'length' out/demo.jsonl 2>/dev/null)
[ "$got" = "$prompts" ]; check $? "one record per prompt ($got of $prompts)"
jq -e -s 'all(.task.status == "SUCCESS" and (.files | length) > 0 and
    .archive.path != null)' out/demo.jsonl >/dev/null 2>&1
check $? "every record succeeded, with its files, in the archive"
tar -tzf out/demo.tar.gz 2>/dev/null | grep -q 'index.html$'
check $? "the archive holds the gallery"
echo "1..$n"
[ "$failed" -eq 0 ]
