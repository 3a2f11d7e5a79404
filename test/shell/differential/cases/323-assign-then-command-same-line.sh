a=1 b=$a
echo "$b"
c=5 echo "$c"
