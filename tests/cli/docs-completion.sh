#!/bin/bash
# The bash completion offers each program's options (taken from --help)
# and the fixed values of enumerated options.
set -u
PATH=$top_builddir/src:$PATH
. "$top_srcdir/completions/mjpipe.bash"
n=0
complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_mjpipe "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
	printf '%s\n' "${COMPREPLY[@]}"
}
check() {
	n=$((n + 1))
	if printf '%s\n' "$2" | grep -qx -- "$3"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '%s\n' "$2" | sed 's/^/#   got: /'
	fi
}
check "mj-fetch --di completes to --dir" "$(complete_words mj-fetch --di)" --dir
check "mj-submit --jour completes to --journal" "$(complete_words mj-submit --jour)" --journal
check "mj-wait --keep completes to --keep-order" "$(complete_words mj-wait --keep)" --keep-order
check "mj-pack --gal completes to --gallery" "$(complete_words mj-pack --gal)" --gallery
check "mj-pack --with completes to --with-grid" "$(complete_words mj-pack --with)" --with-grid
check "--layout values" "$(complete_words mj-pack --layout web)" webdataset
check "--auth values" "$(complete_words mj-wait --auth m)" mj-api-secret
check "-f values of mj-submit" "$(complete_words mj-submit -f j)" jsonl
check "--mode values" "$(complete_words mj-submit --mode t)" turbo
check "mj-fetch --spl completes to --split" "$(complete_words mj-fetch --spl)" --split
check "mj-wait --se completes to --seed" "$(complete_words mj-wait --se)" --seed
check "mj-submit --max-c completes to --max-cost" "$(complete_words mj-submit --max-c)" --max-cost
check "mj-submit --no-exp completes to --no-expand" "$(complete_words mj-submit --no-exp)" --no-expand
check "--prices takes a file" "$(cd "$top_srcdir/samples" && complete_words mj-submit --prices prices-com)" prices-cometapi.txt
check "mj-submit --retex completes to --retexture" "$(complete_words mj-submit --retex)" --retexture
check "--batch-size values" "$(complete_words mj-submit --batch-size 4)" 4
check "--action offers extend1" "$(complete_words mj-submit --action ext)" extend1
check "mj-wait --sta completes to --stall" "$(complete_words mj-wait --sta)" --stall
conf=$(mktemp)
printf 'mode = fast\n[comet]\n[proxy-eu]\n' > "$conf"
check "--profile offers the config file's sections" "$(MJ_CONFIG=$conf complete_words mj-wait --profile pro)" proxy-eu
check "--config offers files" "$(cd "$(dirname "$conf")" && complete_words mj-submit --config "$(basename "$conf")")" "$(basename "$conf")"
rm -f "$conf"
echo "1..$n"
