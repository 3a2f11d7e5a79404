return 2
echo $?
