v=v1.33.2
if [[ $v =~ ^v([0-9]+)\.([0-9]+) ]]; then echo "${BASH_REMATCH[0]} ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"; fi
[[ abc =~ x ]] || echo nomatch
