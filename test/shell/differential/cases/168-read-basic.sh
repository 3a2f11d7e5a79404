read a b c <<< "one two three four"
echo "$a|$b|$c"
read -r line <<< 'back\slash'
echo "$line"
read x <<< 'back\slash'
echo "$x"
