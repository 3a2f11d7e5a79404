bash -c 'exec nosuch'
echo $?
