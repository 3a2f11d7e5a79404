a=(1 2 3 4 5)
echo ${a[@]:1:2}
echo ${a[@]: -2}
set -- x y z
echo ${@:2}
