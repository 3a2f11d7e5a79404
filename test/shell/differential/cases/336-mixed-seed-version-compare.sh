current=1.32.5; target=1.33.2
if [[ ${current%.*} != ${target%.*} ]]; then echo "upgrade ${current%.*} -> ${target%.*}"; fi
