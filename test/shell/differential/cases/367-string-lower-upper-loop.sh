for w in Alpha BETA; do echo ${w,,} ${w^^}; done
