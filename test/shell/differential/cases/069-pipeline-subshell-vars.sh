x=1
echo 5 | read x
echo $x
echo hi | { read y; echo "got $y"; }
