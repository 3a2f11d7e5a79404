module ckalab.local/gocmp-oracle

go 1.19

require github.com/google/go-cmp v0.7.0
