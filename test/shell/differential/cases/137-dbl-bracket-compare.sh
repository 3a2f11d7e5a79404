[[ b > a ]] && echo gt
[[ a < b ]] && echo lt
[[ 10 -gt 9 ]] && echo num
[[ (1 -eq 1) || (1 -eq 2) ]] && echo paren
