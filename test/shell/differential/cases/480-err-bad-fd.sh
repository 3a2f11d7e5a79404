echo x >&9
echo $?
