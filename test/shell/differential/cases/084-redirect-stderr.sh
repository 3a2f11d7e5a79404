bash -c "echo err >&2" 2> e
echo "file: $(cat e)"
bash -c "echo both; echo err2 >&2" > o 2>&1
cat o
