[ "-n" ]; echo $?
[ -n ]; echo $?
[ ! ]; echo $?
[ = ]; echo $?
[ "" = "" ]; echo $?
