declare -z x
echo $?
declare 1x=2
echo $?
