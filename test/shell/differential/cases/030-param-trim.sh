p=/usr/local/bin/kubectl.tar.gz
echo ${p#*/} ${p##*/} ${p%.*} ${p%%.*}
f=file.txt
echo ${f%.txt}.md
