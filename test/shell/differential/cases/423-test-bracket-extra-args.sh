[ a = a = a ]; echo $?
[ a -a ]; echo $?
