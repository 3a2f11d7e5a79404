mkdir -p d1/sub d2
echo > d1/f
echo d*/
echo */sub
echo d1/*
