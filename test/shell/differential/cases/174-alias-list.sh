alias ll="ls -l"
alias ll
alias nope
echo $?
