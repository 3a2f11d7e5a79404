for i in 1; echo $i; done
