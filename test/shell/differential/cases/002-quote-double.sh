x=world
echo "hello $x" "a  b" "\$x" "\\" "it's"
