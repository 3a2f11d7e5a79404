let a=5 b=a*2
echo $a $b
let "c = a + b"
echo $c
