cat < /dev/null; echo "[$?]"
read x < /dev/null; echo $?
