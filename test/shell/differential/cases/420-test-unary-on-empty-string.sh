[ -f '' ]; echo $?
[ -d '' ]; echo $?
[ -z ]; echo $?
