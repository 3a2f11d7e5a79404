echo to-err >&2
echo to-err2 1>&2
echo out
