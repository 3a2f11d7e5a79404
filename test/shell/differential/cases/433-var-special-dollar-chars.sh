echo $ $. $, "$" $1x
