echo 'a\nb'
echo "c\td"
