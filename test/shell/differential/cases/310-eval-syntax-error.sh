eval "if then"
echo "status $?"
