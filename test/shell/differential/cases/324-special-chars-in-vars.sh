v='$(not run) `no` *'
echo "$v"
echo $v | wc -w
