echo hello |
  tr a-z A-Z
echo a &&
  echo b
