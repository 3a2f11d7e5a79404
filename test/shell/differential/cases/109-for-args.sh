set -- x y
for a; do echo $a; done
for a do echo $a; done
