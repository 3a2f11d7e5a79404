read a b c <<< 'only'
echo "[$a][$b][$c]"
