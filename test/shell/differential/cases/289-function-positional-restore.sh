set -- outer1 outer2
f() { set -- inner; echo $1; }
f
echo $1 $2
