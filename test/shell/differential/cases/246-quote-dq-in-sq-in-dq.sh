x="it's \"fine\""
echo "$x"
echo '"$x"'
