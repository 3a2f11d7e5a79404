unset x
echo "${x:-'a b'}"
echo ${x:-'a b'}
y=v
echo "${y:+'q'}" ${y:+'q'}
echo "${x:-"nested"}"
