[[ 10 < 9 ]] && echo string-order
