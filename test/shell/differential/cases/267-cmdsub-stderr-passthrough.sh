x=$(bash -c "echo out; echo err >&2")
echo "x=$x"
