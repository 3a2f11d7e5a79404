a=(1 2 3)
a=x
echo ${a[@]}
