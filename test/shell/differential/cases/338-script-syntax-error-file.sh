printf 'echo one\nif then\necho two\n' > bad.sh
bash bad.sh
echo "status $?"
