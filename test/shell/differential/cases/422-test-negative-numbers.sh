[ -3 -lt -2 ]; echo $?
[ -0 -eq 0 ]; echo $?
