bash -e -c 'false; echo no'
echo $?
