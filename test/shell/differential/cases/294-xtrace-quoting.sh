set -x
echo "a b" '' "x'y" '$HOME' "tab	here"
