s=kubernetes
echo ${s:0:4} ${s:4} ${s: -3} ${s:2:-2}
