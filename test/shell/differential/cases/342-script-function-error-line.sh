printf 'f() {\n  nosuchcmd\n}\nf\n' > fe.sh
bash fe.sh
