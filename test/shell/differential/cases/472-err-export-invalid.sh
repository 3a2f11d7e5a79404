export 1abc=2
echo $?
export a-b
echo $?
