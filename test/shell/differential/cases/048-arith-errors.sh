echo $((1+))
echo after
echo $((1/0))
echo $((08))
