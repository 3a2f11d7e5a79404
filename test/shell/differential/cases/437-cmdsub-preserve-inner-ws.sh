x="$(printf '  a  b  ')"
echo "[$x]"
echo [$x]
