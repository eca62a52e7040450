# bash completion for mj-submit, mj-wait, mj-fetch and mj-pack.
# The options come from each program's own --help, so they never drift
# from what the program accepts.

_mjpipe_options()
{
	"$1" --help 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*' | sort -u
}

# the [sections] of the config file: the profiles --profile may name
_mjpipe_profiles()
{
	local file=${MJ_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/mjpipe/config}
	[ -r "$file" ] && sed -n 's/^[[:space:]]*\[[[:space:]]*\([A-Za-z0-9._-]*\)[[:space:]]*\][[:space:]]*$/\1/p' "$file"
}

_mjpipe()
{
	local cur prev words cword
	_init_completion 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
	}
	case $prev in
	-f|--format)
		case $1 in
		mj-pack) COMPREPLY=($(compgen -W "tar tar.gz tgz tar.xz tar.zst zip 7z" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "auto jsonl csv lines" -- "$cur")) ;;
		esac
		return ;;
	--auth)
		COMPREPLY=($(compgen -W "bearer mj-api-secret" -- "$cur")); return ;;
	--layout)
		COMPREPLY=($(compgen -W "files webdataset imagefolder" -- "$cur")); return ;;
	--mode)
		COMPREPLY=($(compgen -W "fast relax turbo" -- "$cur")); return ;;
	--bot)
		COMPREPLY=($(compgen -W "mj niji" -- "$cur")); return ;;
	--dimensions)
		COMPREPLY=($(compgen -W "PORTRAIT SQUARE LANDSCAPE" -- "$cur")); return ;;
	--motion)
		COMPREPLY=($(compgen -W "low high" -- "$cur")); return ;;
	--action)
		COMPREPLY=($(compgen -W "U1 U2 U3 U4 V1 V2 V3 V4 upscale vary reroll extend1 extend2 extend3 extend4" -- "$cur")); return ;;
	--batch-size)
		COMPREPLY=($(compgen -W "1 2 4" -- "$cur")); return ;;
	--language)
		COMPREPLY=($(compgen -W "zh en" -- "$cur")); return ;;
	--profile)
		COMPREPLY=($(compgen -W "$(_mjpipe_profiles)" -- "$cur")); return ;;
	-d|--dir|--prefix)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--image|--end-image|--mask|--journal|--api-key-file|--events|-o|\
	--output|--config|--metrics|--prices|--plan)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	-j|--jobs|--rate|--max-tasks|--max-jobs|--max-cost|--interval|\
	--timeout|--stall|--template|\
	--prompt-field|--state|--notify-hook|--modal-prompt|--base-url|\
	--name|--max-filesize|--split-count|--split-size|--mtime|--batch)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_mjpipe_options "$1")" -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

complete -F _mjpipe mj-submit mj-wait mj-fetch mj-pack
