n=" 42 "
echo $((n+1))
r=n
echo $((r+1))
