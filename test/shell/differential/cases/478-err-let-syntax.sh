let 'x=1+'
echo $?
