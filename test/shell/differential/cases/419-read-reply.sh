read <<< '  spaced  '
echo "[$REPLY]"
