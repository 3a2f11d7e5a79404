x=$(false)
echo $?
x=$(exit 3)
echo $?
