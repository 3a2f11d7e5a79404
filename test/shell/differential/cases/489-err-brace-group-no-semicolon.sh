{ echo a }
echo b
