bash -c "echo a; echo b >&2" &> all
cat all
bash -c "echo c >&2" &>> all
cat all
