echo > a.conf; echo > b.conf
for f in *.conf; do echo "file $f"; done
for f in *.none; do echo "got $f"; done
