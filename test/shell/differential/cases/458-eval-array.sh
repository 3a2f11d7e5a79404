eval 'a=(x y)'
echo ${a[1]}
