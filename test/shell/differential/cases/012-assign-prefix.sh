X=outer
X=inner bash -c 'echo $X'
echo $X
Y=tmp true
echo "[$Y]"
