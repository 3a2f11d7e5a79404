echo 1 > f1; echo 2 > f2
echo "f*" 'f*' f\*
echo f*
