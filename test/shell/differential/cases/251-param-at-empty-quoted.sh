set --
f() { echo $#; }
f "$@"
f "$*"
f "${@}"
