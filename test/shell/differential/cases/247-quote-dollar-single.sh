echo "$"
echo $
echo "a$"
echo '$'$
