f=
echo x > $f
echo $?
