# Bash completion for lmacheck: commands, options, option values and rule ids.
# Installed as <prefix>/share/bash-completion/completions/lmacheck (loaded on
# demand by bash-completion), or source it from ~/.bashrc.
#
# It asks the program itself (`lmacheck [COMMAND...] --help`, `lmacheck
# rules`) rather than holding lists of its own, so it always offers what the
# lmacheck being completed accepts, plugins' rules included. It needs nothing
# but bash (not the bash-completion package).

# The help of the command line so far (the program and its subcommands).
_lmacheck_help() {
    "$@" --help 2>/dev/null
}

# The subcommands a help text lists.
_lmacheck_subcommands() {
    awk '/^Subcommands:/ {in_list = 1; next} /^[^ ]/ {in_list = 0} in_list && /^  [a-z]/ {print $1}'
}

# Every option name of a help text (-f and --format from "-f,--format TEXT").
_lmacheck_options() {
    awk '/^  -/ {split($1, names, ","); for (i in names) print names[i]}'
}

# How an option of a help text is completed: "choices a b c", "value TYPE"
# (TEXT, INT, UINT, FLOAT: CLI11's type names), or "flag" (takes none).
_lmacheck_option_kind() {
    local option=$1
    awk -v option="$option" '
        /^  -/ {
            n = split($1, names, ",")
            for (i = 1; i <= n; i++) if (names[i] == option) {
                # A value has CLI11 type name in upper case (TEXT, INT:..., TEXT=default);
                # after a flag comes the first word of its description instead.
                if ($2 !~ /^[A-Z]+([:=].*)?$/) { print "flag"; exit }
                if (match($2, /\{[^}]*\}/)) {
                    choices = substr($2, RSTART + 1, RLENGTH - 2); gsub(",", " ", choices)
                    print "choices " choices; exit
                }
                split($2, type, /[:=]/); print "value " type[1]; exit
            }
        }'
}

_lmacheck() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD - 1]}
    local program=${COMP_WORDS[0]}
    COMPREPLY=()

    # The command so far: the program and the subcommands before the cursor.
    local command=("$program") word i help
    help=$(_lmacheck_help "${command[@]}") || return 0
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ $word != -* ]] && _lmacheck_subcommands <<<"$help" | grep -qxF -- "$word"; then
            command+=("$word")
            help=$(_lmacheck_help "${command[@]}")
        fi
    done

    # The value of an option.
    if [[ $prev == -* && $COMP_CWORD -gt 1 ]]; then
        local kind
        kind=$(_lmacheck_option_kind "$prev" <<<"$help")
        case $kind in
            choices\ *)
                mapfile -t COMPREPLY < <(compgen -W "${kind#choices }" -- "$cur")
                return 0 ;;
            value\ TEXT)
                # Text values are paths (files; directories for --*-dir),
                # but for the few that name something else.
                case $prev in
                    --*-dir) mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
                    --name | --submitter | --role | --host | --bind) ;;
                    *) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
                esac
                return 0 ;;
            value\ *) return 0 ;;  # a number
        esac
    fi

    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_lmacheck_options <<<"$help")" -- "$cur")
        return 0
    fi
    local subcommands
    subcommands=$(_lmacheck_subcommands <<<"$help")
    if [[ -n $subcommands ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$subcommands" -- "$cur")
        return 0
    fi
    if [[ ${command[*]:1} == rules ]]; then
        # `lmacheck rules ID`: the ids of the loaded rules (the listing's first column).
        mapfile -t COMPREPLY < <(compgen -W "$("$program" rules 2>/dev/null | awk 'NR > 1 && /^[^ ]/ {print $1}')" -- "$cur")
        return 0
    fi
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")  # files and directories to validate, convert, ...
}

complete -o filenames -F _lmacheck lmacheck
