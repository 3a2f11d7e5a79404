[ 1 -eq 1
echo $?
[ a b c ]
echo $?
[ -q x ]
echo $?
