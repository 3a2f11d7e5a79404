echo > k1.yaml; echo > k2.yaml
for f in {a,b}-*.yaml *.yaml; do echo $f; done
