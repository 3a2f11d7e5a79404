echo hidden >&-
echo $?
