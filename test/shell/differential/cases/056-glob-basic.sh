echo x > a.txt; echo y > b.txt; echo z > c.log
echo *.txt
echo ?.log
echo [ab].txt
echo *.none
