printf "b\na\nc\n" | sort
echo hello | tr a-z A-Z | tr L l
