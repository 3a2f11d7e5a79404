x=$(printf "a  b")
echo "$x"
y=$x
echo "$y"
