sh -c 'nosuch'
echo $?
