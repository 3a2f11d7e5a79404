shopt -s expand_aliases
alias k=echo
k kubectl-alias
alias
unalias k
k again
