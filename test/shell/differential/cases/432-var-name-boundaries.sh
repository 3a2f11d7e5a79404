a=1; ab=2
echo $ab ${a}b $a_b- "$a"b
