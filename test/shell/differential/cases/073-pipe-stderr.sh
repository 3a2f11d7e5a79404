bash -c "echo out; echo err >&2" 2>&1 | sort
bash -c "echo err2 >&2" |& tr a-z A-Z
