alias 'a b=c'
echo $?
