a=5; b=3
echo $((a+b)) $((a*b)) $(($a-$b))
((a++)); echo $a
((b+=10)); echo $b
echo $((a>b ? a : b))
