read 1x <<< v
echo $?
