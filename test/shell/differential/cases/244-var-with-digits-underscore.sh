my_var_1=ok
echo $my_var_1 ${my_var_1}
