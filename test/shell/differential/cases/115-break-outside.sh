break
echo $?
