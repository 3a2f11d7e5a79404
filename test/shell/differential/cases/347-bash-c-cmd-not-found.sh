bash -c 'nosuch'
echo $?
