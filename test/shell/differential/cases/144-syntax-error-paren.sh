echo a
echo (a)
