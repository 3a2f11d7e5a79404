printf 'echo ok\nbadcmd\n' > t.sh
bash t.sh
