printf 'echo $0\n' > z.sh
bash z.sh
bash ./z.sh
