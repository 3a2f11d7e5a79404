[ ' 5 ' -eq 5 ]; echo $?
[ 5 -eq '' ]; echo $?
