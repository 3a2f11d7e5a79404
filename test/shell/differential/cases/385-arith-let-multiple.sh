let 'a = 1' 'b = a + 1'
echo $a $b
