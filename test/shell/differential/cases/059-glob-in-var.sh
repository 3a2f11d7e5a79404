echo > x1; echo > x2
p="x*"
echo $p
echo "$p"
