in
echo $?
