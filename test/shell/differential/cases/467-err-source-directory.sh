mkdir d
source d
echo $?
. 
echo $?
