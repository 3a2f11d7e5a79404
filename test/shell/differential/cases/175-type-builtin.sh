type cd echo
type -t cd
type if
type nosuch
echo $?
