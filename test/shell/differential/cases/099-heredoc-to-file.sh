cat > config.yaml <<EOF
apiVersion: v1
kind: Pod
EOF
cat config.yaml
