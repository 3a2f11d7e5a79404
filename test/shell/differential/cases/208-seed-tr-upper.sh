for h in cka01 cka02; do echo $h | tr a-z A-Z; done
