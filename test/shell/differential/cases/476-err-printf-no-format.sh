printf
echo $?
