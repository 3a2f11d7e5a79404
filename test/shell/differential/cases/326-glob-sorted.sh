for f in b10 b2 a1 B1 _x; do echo > $f; done
echo *
