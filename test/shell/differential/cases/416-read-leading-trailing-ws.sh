read a b <<< '   one   two   three   '
echo "[$a][$b]"
IFS= read -r line <<< '  keep  '
echo "[$line]"
