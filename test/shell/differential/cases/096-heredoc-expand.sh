name=k8s
cat <<EOF
hello $name
$(echo sub) $((1+1))
\$name escaped
EOF
