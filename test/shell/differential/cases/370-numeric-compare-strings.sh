a=10; b=9
[ $a -gt $b ] && echo numeric-gt
[[ $a > $b ]] || echo string-not-gt
