bash -c 'if then'
echo $?
