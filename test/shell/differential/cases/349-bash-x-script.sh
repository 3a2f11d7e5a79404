printf 'echo hi\nx=1\n' > t.sh
bash -x t.sh
