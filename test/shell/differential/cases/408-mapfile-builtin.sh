printf "a\nb\n" > mf
mapfile -t arr < mf
declare -p arr
readarray x < mf
declare -p x
builtin echo hi
builtin nosuch
command_not_found_handle() { echo "handler: $1 ($#)"; return 127; }
nosuchcmd a b
echo $?
