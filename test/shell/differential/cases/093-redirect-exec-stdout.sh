exec > out.txt
echo hidden
exec >&2
cat out.txt >&2
