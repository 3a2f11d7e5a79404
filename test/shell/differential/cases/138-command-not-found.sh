nosuchcommand
echo $?
nosuch arg1 arg2 2>/dev/null
echo $?
