echo {a,b,c} x{1,2}y
echo {1..5}
echo {05..10}
echo {a..e}
echo {1..10..3}
echo {5..1}
echo pre{A,B}{1,2}
