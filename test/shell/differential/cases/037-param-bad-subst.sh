echo before
echo ${x!y}
echo after $?
