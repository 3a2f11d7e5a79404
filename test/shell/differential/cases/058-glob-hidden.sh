echo a > .hidden; echo b > shown
echo *
echo .h*
