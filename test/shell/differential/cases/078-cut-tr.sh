echo "a,b,c" | cut -d, -f2
echo "hello world" | tr -d o
echo "a  b" | tr -s " "
