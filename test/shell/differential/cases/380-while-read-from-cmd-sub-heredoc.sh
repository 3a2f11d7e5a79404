while read -r n; do echo $((n*2)); done <<EOF
$(printf '1\n2\n')
EOF
