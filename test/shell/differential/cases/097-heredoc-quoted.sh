name=k8s
cat <<'EOF'
hello $name $(echo no)
EOF
cat <<"E2"
$name
E2
