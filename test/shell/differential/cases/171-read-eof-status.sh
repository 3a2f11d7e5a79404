printf "last" | { read v; echo "status $? v=$v"; }
