for i in 1 2; do eval "v$i=\$i"; done
echo $v1 $v2
