local y=1
echo $?
