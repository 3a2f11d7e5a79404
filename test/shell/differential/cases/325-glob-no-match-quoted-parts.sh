echo "no"*match
echo *"no"match
