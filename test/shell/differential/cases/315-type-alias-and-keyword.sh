type -t if
type -t cd
type -t nosuch; echo $?
