alias hi="echo hello"
hi
echo $?
