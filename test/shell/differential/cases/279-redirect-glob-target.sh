echo x > out1
echo y > out*
cat out1
