export ZZ_TEST='a "b" $c'
export -p | grep ZZ_TEST
