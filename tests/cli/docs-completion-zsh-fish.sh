#!/bin/bash
# The zsh and fish completions parse, and offer every option of each
# program's --help (so a new flag cannot be missed), the fixed values of
# enumerated options, and the profiles of the config file.  fish answers
# `complete -C` directly; zsh is asked as a user would, by typing in an
# interactive shell in a tmux pane and pressing Tab.
. "$top_srcdir/tests/cli/lib.sh"
comp=$top_srcdir/completions
progs="mj-submit mj-wait mj-fetch mj-pack"

# every long option a program's --help names at the start of a line, and
# every short one
help_longs() { "$1" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+'; }
help_shorts() { "$1" --help | grep -oE '^ +-[a-zA-Z],' | grep -oE -- '-[a-zA-Z]'; }

# missing WANTED_FILE GOT_FILE: the wanted lines not in GOT (none: true)
missing() {
	local m
	m=$(grep -vxFf "$2" "$1")
	[ -z "$m" ] && return 0
	printf '%s\n' "$m" | sed 's/^/#   missing: /'
	return 1
}

mkdir -p "$XDG_CONFIG_HOME/mjpipe"
printf 'mode = fast\n[comet]\n[proxy-eu]\nauth = mj-api-secret\n' \
    > "$XDG_CONFIG_HOME/mjpipe/config"

if command -v fish >/dev/null; then
	ok "fish -n: the fish completion parses" fish -n "$comp/mjpipe.fish"
	mkdir fishc
	for p in $progs; do ln -s "$comp/mjpipe.fish" "fishc/$p.fish"; done
	fishc() {	# fishc CMDLINE: what fish offers, one a line, no description
		fish --no-config -c "set fish_complete_path '$TEST_DIR/fishc' \$fish_complete_path; complete -C '$1'" | cut -f1
	}
	for p in $progs; do
		help_longs "$p" | sort -u > want
		fishc "$p --" | sort -u > got
		ok "fish: $p -- offers each of its $(wc -l < want) long options" missing want got
		help_shorts "$p" | sort -u > want
		fishc "$p -" | sort -u > got
		ok "fish: $p - offers each of its short options" missing want got
	done
	is "$(fishc 'mj-pack --layout ' | tr '\n' ' ')" "files imagefolder webdataset " "fish: --layout values"
	is "$(fishc 'mj-wait --auth ' | tr '\n' ' ')" "bearer mj-api-secret " "fish: --auth values"
	is "$(fishc 'mj-submit -f ' | tr '\n' ' ')" "auto csv jsonl lines " "fish: mj-submit -f values"
	is "$(fishc 'mj-pack --format t' | tr '\n' ' ')" "tar tar.gz tar.xz tar.zst tgz " "fish: mj-pack --format values"
	is "$(fishc 'mj-submit --mode ' | tr '\n' ' ')" "fast relax turbo " "fish: --mode values"
	if mj-wait --help | grep -q -- --profile; then
		is "$(fishc 'mj-wait --profile ' | tr '\n' ' ')" "comet proxy-eu " "fish: --profile offers the config file's sections"
	fi
	mkdir -p sub/dir
	is "$(fishc 'mj-fetch -d su')" "sub/" "fish: -d offers directories"
	: > somefile
	ok "fish: --journal offers files" sh -c "fish --no-config -c \"set fish_complete_path '$TEST_DIR/fishc' \\\$fish_complete_path; complete -C 'mj-submit --journal som'\" | grep -qx somefile"
else
	_result 0 "fish tests # SKIP fish is not installed"
fi

command -v zsh >/dev/null || { _result 0 "zsh tests # SKIP zsh is not installed"; done_testing; }
ok "zsh -n: the zsh completion parses" zsh -n "$comp/_mjpipe"
# the specs _arguments gets, from the function itself
for p in $progs; do
	help_longs "$p" | sort -u > want
	zsh -fc "eval \"\$(sed '\$d' '$comp/_mjpipe')\"; _mjpipe_specs $p" |
	    grep -oE -- '^\*--[a-z0-9-]+' | sed 's/^\*//' | sort -u > got
	ok "zsh: $p: a spec for each of its $(wc -l < want) long options" missing want got
done
command -v tmux >/dev/null || { _result 0 "zsh in a terminal # SKIP tmux is not installed"; done_testing; }

sock=$TEST_DIR/tmux.sock
tmux -S "$sock" new-session -d -x 200 -y 80 \
    "env -i HOME='$TEST_DIR' TERM=xterm PATH='$PATH' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' zsh -f"
tmux -S "$sock" send-keys "cd '$TEST_DIR'; fpath=('$comp' \$fpath); autoload -U compinit; compinit -u -D; PS1='> '; LISTMAX=0; echo READY" Enter
wait_until 10 sh -c "tmux -S '$sock' capture-pane -p | grep -q '^READY'"
# ztab TEXT: type TEXT and Tab in the pane; the screen after it, in screen
ztab() {
	tmux -S "$sock" send-keys C-c
	tmux -S "$sock" send-keys 'clear' Enter
	wait_until 5 sh -c "tmux -S '$sock' capture-pane -p | head -1 | grep -qx '> '"
	tmux -S "$sock" send-keys "$1" Tab
	# done when the screen has changed and then held still for 0.6 s
	local prev='' cur i=0 still=0
	while [ "$i" -lt 100 ] && [ "$still" -lt 3 ]; do
		sleep 0.2
		cur=$(tmux -S "$sock" capture-pane -p)
		if [ "$cur" = "$prev" ] && [ "$(echo $cur)" != "> $1" ]; then
			still=$((still + 1))
		else
			still=0
		fi
		prev=$cur
		i=$((i + 1))
	done
	printf '%s\n' "$cur" > screen
}
for p in $progs; do
	ztab "$p --"
	help_longs "$p" | sort -u > want
	grep -oE -- '--[a-z0-9-]+' screen | sort -u > got
	ok "zsh in a terminal: $p --<Tab> lists each of its long options" missing want got
done
ztab 'mj-wait --ke'
ok "zsh: --ke completes to --keep-order" grep -q -- '^> mj-wait --keep-order' screen
ztab 'mj-pack --layout '
ok "zsh: --layout values" grep -qE 'files +imagefolder +webdataset' screen
ztab 'mj-submit --bot '
ok "zsh: --bot values from the help's mj|niji" grep -qE 'mj +niji' screen
ztab 'mj-fetch --auth mj'
ok "zsh: --auth value" grep -q -- '^> mj-fetch --auth mj-api-secret' screen
if mj-wait --help | grep -q -- --profile; then
	ztab 'mj-wait --profile '
	ok "zsh: --profile offers the config file's sections" grep -qE 'comet +proxy-eu' screen
fi
tmux -S "$sock" kill-server 2>/dev/null
done_testing
