readonly Q=1
unset Q
echo $? $Q
