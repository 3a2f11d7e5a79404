for node in cka01 cka02 cka03; do
  echo "configuring $node"
done
