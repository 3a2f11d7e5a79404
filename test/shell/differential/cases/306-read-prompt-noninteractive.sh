read -p "Name: " n <<< "kube"
echo "hi $n"
