re="^[0-9]+$"
[[ 123 =~ $re ]] && echo digits
[[ 12a =~ $re ]] || echo notdigits
