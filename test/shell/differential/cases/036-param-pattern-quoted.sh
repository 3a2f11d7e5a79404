f="a*b"
echo ${f#"a*"}
echo ${f#a*}
