x=3
[[ x+1 -eq 4 ]] && echo arith
[[ 010 -eq 8 ]] && echo octal
