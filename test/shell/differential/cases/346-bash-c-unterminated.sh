bash -c 'echo "oops'
echo $?
