cat <<< "here string"
wc -w <<< "a b c"
read a b <<< "x y"
echo $b$a
