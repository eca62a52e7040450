# fish completion for mj-submit, mj-wait, mj-fetch and mj-pack.  The
# options and their descriptions come from each program's own --help, so
# they never drift from what the program accepts; only the values of the
# options that take a fixed set are listed here (as in mjpipe.bash and
# _mjpipe).  --profile offers the sections of the config file.  Installed
# once and linked as mj-submit.fish ... so that fish finds it by name.

# the [sections] of the config file
function __mjpipe_profiles
    set -l file $MJ_CONFIG
    if test -z "$file"
        set -l base $XDG_CONFIG_HOME
        test -n "$base"; or set base ~/.config
        set file $base/mjpipe/config
    end
    test -r "$file"; or return
    string replace -rf '^\s*\[\s*([A-Za-z0-9._-]+)\s*\]\s*$' '$1' <$file
end

# the values of an option's argument: complete's arguments, one a line
function __mjpipe_values -a prog long arg
    switch $long
        case format
            if test "$prog" = mj-pack
                printf '%s\n' -x -a 'tar tar.gz tgz tar.xz tar.zst zip 7z'
            else
                printf '%s\n' -x -a 'auto jsonl csv lines'
            end
        case auth
            printf '%s\n' -x -a 'bearer mj-api-secret'
        case mode
            printf '%s\n' -x -a 'fast relax turbo'
        case layout
            printf '%s\n' -x -a 'files webdataset imagefolder'
        case dimensions
            printf '%s\n' -x -a 'PORTRAIT SQUARE LANDSCAPE'
        case action
            printf '%s\n' -x -a 'U1 U2 U3 U4 V1 V2 V3 V4 upscale vary reroll extend1 extend2 extend3 extend4'
        case batch-size
            printf '%s\n' -x -a '1 2 4'
        case language
            printf '%s\n' -x -a 'zh en'
        case profile
            printf '%s\n' -x -a '(__mjpipe_profiles)'
        case '*'
            switch "$arg"
                case ''
                    return
                case FILE 'FILE|URL'
                    printf '%s\n' -r -F
                case DIR 'DIR/'
                    printf '%s\n' -x -a '(__fish_complete_directories (commandline -ct))'
                case '*|*'
                    printf '%s\n' -x -a (string replace -a '|' ' ' -- $arg)
                case '*'
                    printf '%s\n' -x
            end
    end
end

# register the options of prog, read from its --help
function __mjpipe_complete -a prog
    command -q $prog; or return
    set -l re '^ +(?:-(?<short>[a-zA-Z]), )?--(?<long>[a-z0-9-]+)(?: (?<arg>[A-Z][A-Z0-9_/|]*|[a-z0-9.-]+(?:\|[a-z0-9.-]+)+))? +(?<desc>.*)$'
    for line in ($prog --help 2>/dev/null)
        string match -qr $re -- $line; or continue
        set -l opts -c $prog -l $long -d $desc
        test -n "$short"; and set -a opts -s $short
        set -a opts (__mjpipe_values $prog $long "$arg")
        complete $opts
    end
end

if not set -q __mjpipe_completions_loaded
    set -g __mjpipe_completions_loaded 1
    for prog in mj-submit mj-wait mj-fetch mj-pack
        __mjpipe_complete $prog
    end
end
