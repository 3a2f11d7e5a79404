read -d , a <<< "one,two"
echo $a
