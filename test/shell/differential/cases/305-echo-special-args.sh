echo -n
echo -
echo --help
echo -e
echo "-e x"
