cd / /
echo $?
